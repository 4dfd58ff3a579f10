import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from './env'
import { handleError, handleNotFound } from './error-handler'
import { healthApi } from './features/health/api'
import { homeRoutes } from './features/home/routes'
import { PayloadTooLargeError } from './lib/errors'
import { accessLog } from './middleware/access-log'
import { database } from './middleware/database'
import { requestId } from './middleware/request-id'
import { securityHeaders } from './middleware/security-headers'

// JSON bodies larger than this are refused before they are read. Uploads get their own limit.
const API_BODY_LIMIT_BYTES = 1024 * 1024

export const app = new Hono<AppEnv>()

app.use('*', requestId, accessLog, securityHeaders)
app.use(
  '/api/*',
  bodyLimit({
    maxSize: API_BODY_LIMIT_BYTES,
    onError: () => {
      throw new PayloadTooLargeError()
    },
  }),
)
app.use('*', database)

const api = new Hono<AppEnv>()
api.route('/', healthApi)
app.route('/api/v1', api)

app.route('/', homeRoutes)

app.notFound(handleNotFound)
app.onError(handleError)
