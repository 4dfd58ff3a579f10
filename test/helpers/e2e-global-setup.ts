// Global setup of the `e2e` project: the real local stack (libSQL server + wrangler dev) with
// seeded demo data on free ports, shared by the e2e files, which run one after another.
import type { TestProject } from 'vitest/node'
import { startLocalStack } from '../../scripts/lib/stack'

export default async function setup(project: TestProject) {
  const stack = await startLocalStack({ seed: true })
  project.provide('appUrl', stack.appUrl)
  project.provide('databaseUrl', stack.database.url)
  return () => stack.stop()
}
