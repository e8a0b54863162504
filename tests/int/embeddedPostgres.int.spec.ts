import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const PORT = 54359
const dataDir = path.resolve('.data', `lifecycle-${Date.now().toString(36)}`)
const CHILD = path.resolve('tests/helpers/embeddedPostgresChild.ts')

type Run = { child: ChildProcess; output: () => string; ready: Promise<string> }

const run = (sql: string, mode: 'wait' | 'exit'): Run => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dataDir, String(PORT), sql, mode],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const line = output.split('\n').find((l) => l.startsWith('READY '))
      if (line) resolve(line)
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${output}`)))
  })
  return { child, output: () => output, ready }
}

const postmasterPid = (): number | null => {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
  } catch {
    return null
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const waitFor = async (check: () => boolean, ms = 20_000) => {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (check()) return true
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return false
}

afterAll(() => {
  const pid = postmasterPid()
  if (pid && alive(pid)) process.kill(pid, 'SIGINT')
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.rmSync(`${dataDir}.lock`, { force: true })
})

describe('embedded PostgreSQL lifecycle', () => {
  it('starts once per data directory, is reused by a second process, stops with its owner and keeps data', async () => {
    const owner = run("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('kia ora')", 'wait')
    await owner.ready
    expect(owner.output()).toContain('Embedded PostgreSQL listening')
    const pid = postmasterPid()!
    expect(alive(pid)).toBe(true)

    // A CLI run beside it reuses the server and leaves it running when it exits.
    const cli = run('SELECT note FROM kept', 'exit')
    expect(await cli.ready).toContain('kia ora')
    expect(cli.output()).not.toContain('Embedded PostgreSQL listening')
    await new Promise((resolve) => cli.child.on('exit', resolve))
    expect(alive(pid)).toBe(true)

    // SIGTERM to the owner (like Ctrl-C or a process manager) leaves no postgres behind.
    owner.child.kill('SIGTERM')
    expect(await waitFor(() => !alive(pid))).toBe(true)

    // The next start finds the data where it was.
    const again = run('SELECT note FROM kept', 'wait')
    expect(await again.ready).toContain('kia ora')
    const secondPid = postmasterPid()!
    again.child.kill('SIGINT')
    expect(await waitFor(() => !alive(secondPid))).toBe(true)
  })
})
