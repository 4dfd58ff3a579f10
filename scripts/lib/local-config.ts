// Where the local development stack listens; every value can be overridden from the environment
// so two checkouts can run side by side.
export const localConfig = {
  appPort: Number(process.env.PORT ?? 8787),
  databasePort: Number(process.env.LIBSQL_PORT ?? 8080),
  databasePath: process.env.LIBSQL_DB_PATH ?? '.data/mediconnect.db',
}

// The database the scripts talk to: TURSO_DATABASE_URL when set, else the local server.
export function databaseTarget() {
  return {
    url: process.env.TURSO_DATABASE_URL ?? `http://127.0.0.1:${localConfig.databasePort}`,
    authToken: process.env.TURSO_AUTH_TOKEN,
  }
}
