import { spawn } from 'node:child_process'
import { join } from 'node:path'

// The local libSQL server as a process of its own (npm run dev): an operator can stop it alone
// (kill its pid) to see the app through a database outage, and start it again with
// `npm run db:server`. Resolves once it listens.
export async function startDatabaseProcess(options: { path: string; port: number }) {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx')
  const child = spawn(tsx, ['scripts/libsql-server/cli.ts', '--port', String(options.port), '--db', options.path], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /on (http:\/\/\S+),/.exec(output)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`the libSQL server exited (${code}) before listening`)))
  })
  child.stdout.resume()
  return {
    url,
    pid: child.pid!,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}
