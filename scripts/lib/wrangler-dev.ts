import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { freePort, waitForHttp } from './ports'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const WRANGLER = fileURLToPath(new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url))

export type WranglerDev = { url: string; process: ChildProcess; stop(): Promise<void> }

// Runs `wrangler dev` (workerd with Durable Objects, cron and R2 emulated) on loopback and
// resolves once the Worker answers. It runs in its own process group so stop() ends workerd too.
export async function startWranglerDev(options: {
  port: number
  vars: Record<string, string>
  // Secrets for the Worker, as an .env file (not on the command line, where `ps` would show them).
  envFile?: string
  persistTo?: string
  inheritOutput?: boolean
}): Promise<WranglerDev> {
  const args = [
    WRANGLER,
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--inspector-port',
    String(await freePort()),
    '--show-interactive-dev-session=false',
    '--test-scheduled',
    ...(options.persistTo ? ['--persist-to', options.persistTo] : []),
    ...(options.envFile ? ['--env-file', options.envFile] : []),
    ...Object.entries(options.vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
  ]
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: options.inheritOutput ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    // Offline by design: no metrics, and no fetch of Cloudflare's Request.cf sample (a placeholder
    // is used), so nothing reaches for the network.
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      CLOUDFLARE_API_TOKEN: '',
      FORCE_COLOR: '0',
    },
  })
  let output = ''
  child.stdout?.on('data', (d) => (output = (output + d).slice(-8000)))
  child.stderr?.on('data', (d) => (output = (output + d).slice(-8000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      return
    }
    const killed = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])
    if (!killed) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
      await exited
    }
  }

  const url = `http://localhost:${options.port}`
  try {
    await Promise.race([
      waitForHttp(`${url}/api/v1/health/live`),
      exited.then(() => {
        throw new Error(`wrangler dev exited early:\n${output}`)
      }),
    ])
  } catch (err) {
    await stop()
    throw new Error(`${(err as Error).message}\n${output}`)
  }
  return { url, process: child, stop }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms))
}
