import type { Bindings } from '../src/env'

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {}
    interface GlobalProps {
      mainModule: typeof import('../src/index')
    }
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    databaseToken: string
    stalledDatabaseUrl: string
    sessionSecret: string
    encryptionKeys: string
    appUrl: string
  }
}
