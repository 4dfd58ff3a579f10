import { defineConfig } from 'drizzle-kit'

// `npm run db:generate` writes reviewed SQL migrations into migrations/; `npm run db:migrate`
// applies them (scripts/db-migrate.ts) to whatever TURSO_DATABASE_URL points at.
export default defineConfig({
  dialect: 'turso',
  schema: './src/db/schema/index.ts',
  out: './migrations',
  dbCredentials: {
    url: process.env.TURSO_DATABASE_URL ?? 'http://127.0.0.1:8080',
    authToken: process.env.TURSO_AUTH_TOKEN,
  },
  casing: 'snake_case',
  strict: true,
  verbose: true,
})
