import { Hono } from 'hono'
import { DesignPage } from '../../../views/dev/design-page'
import { renderView } from '../../core/page'
import type { AppEnv } from '../../env'
import { developmentOnly } from '../../middleware/development-only'

// The design system's components on one page, in development only (docs/design.md).
export const designRoutes = new Hono<AppEnv>()

designRoutes.get('/dev/design', developmentOnly, (c) => renderView(c, { title: 'Design system', body: <DesignPage /> }))
