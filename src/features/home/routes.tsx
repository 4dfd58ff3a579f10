import { Hono } from 'hono'
import { HomePage } from '../../../views/home/home-page'
import type { AppEnv } from '../../env'
import { renderView } from '../../core/page'
import { findHomePageData } from './queries'

export const homeRoutes = new Hono<AppEnv>()

homeRoutes.get('/', async (c) => {
  const data = await findHomePageData(c.var.db)
  return renderView(c, { title: 'MediConnect', body: <HomePage {...data} /> })
})
