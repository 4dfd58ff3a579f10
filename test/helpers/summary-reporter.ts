import type { SerializedError } from 'vitest'
import type { Reporter, TestModule } from 'vitest/node'

// Ends the run with one plain line, "Tests: N passed, N failed, N skipped", that any CI can read.
// A file that failed to load or whose hooks failed, and an unhandled error, each count as a failure,
// so a broken run can never read as green.
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const module of testModules) {
      let failedHere = 0
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failedHere++
        else skipped++
      }
      if (module.state() === 'failed' && failedHere === 0) failedHere = 1
      failed += failedHere
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}
