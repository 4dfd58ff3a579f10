import type { Db } from './db/client'

export type AppMode = 'development' | 'test' | 'production'

export type Bindings = {
  TURSO_DATABASE_URL: string
  TURSO_AUTH_TOKEN?: string
  APP_ENV?: AppMode
  ASSETS: Fetcher
  DOCUMENTS: R2Bucket
}

export type AppEnv = {
  Bindings: Bindings
  Variables: {
    db: Db
    requestId: string
    secureHeadersNonce?: string
  }
}
