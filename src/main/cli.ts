#!/usr/bin/env node
// Headless entry: `switchboard serve` runs the same core as the app, without Electron.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { SwitchboardError } from '../shared/errors.ts'
import { createHttpApi } from './core/api/http-client.ts'
import { configToYaml, exportConfig } from './core/config/export-config.ts'
import { createCore, DEFAULT_PORT } from './core/core.ts'
import { defaultDataDir } from './core/data-dir.ts'
import { isLoopbackAddress } from './core/mux/security.ts'

const usage = `Usage: switchboard serve [--port 8989] [--host 127.0.0.1] [--data-dir DIR] [--admin-token TOKEN] [--metrics-token TOKEN] [--allow-remote] [--config FILE]
       switchboard export --all [--data-dir DIR | --url URL [--admin-token TOKEN]] > switchboard.yaml

  --port          port for the proxy and the management API (default: the saved port setting, ${DEFAULT_PORT} at first; 0 picks a free one)
  --host          address to bind (default: the bindAddress setting, 127.0.0.1 at first); anything but loopback needs --allow-remote
  --data-dir      where the database, admin token and key live (default ${defaultDataDir()})
  --admin-token   management API token (default: SWITCHBOARD_ADMIN_TOKEN, else <data-dir>/admin-token)
  --metrics-token token that may read /metrics besides the admin token (default: SWITCHBOARD_METRICS_TOKEN)
  --allow-remote  allow binding a non-loopback address (other machines can then reach the proxy);
                  the allowRemote setting gives the same consent for the saved bindAddress
  --config        a switchboard.yaml (or .json) declaring providers, workspaces, personas, model groups
                  and settings; applied at start and on every save, and read-only in the API and window

  export --all    writes the whole configuration of a data dir as a config file to stdout (API keys as
                  \${PROVIDER_API_KEY} references, never the keys); a running server is read with --url`

function fail(message: string): never {
  console.error(`switchboard: ${message}`)
  process.exit(2)
}

async function serve(argv: string[]): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'admin-token': { type: 'string' },
        'metrics-token': { type: 'string' },
        'allow-remote': { type: 'boolean', default: false },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (err) {
    fail(`${(err as Error).message}\n\n${usage}`)
  }
  if (values.help) {
    console.log(usage)
    return
  }
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    fail(`--port must be a number from 0 to 65535, got "${values.port}".`)
  let core
  try {
    core = createCore({
      dataDir: values['data-dir'] ?? defaultDataDir(),
      adminToken: values['admin-token'] ?? process.env.SWITCHBOARD_ADMIN_TOKEN,
      metricsToken: values['metrics-token'] ?? process.env.SWITCHBOARD_METRICS_TOKEN,
      host: values.host,
      port,
      allowRemote: values['allow-remote'],
      configFile: values.config,
    })
  } catch (err) {
    if (err instanceof SwitchboardError) fail(err.message)
    throw err
  }
  const host = core.host()
  if (!isLoopbackAddress(host) && !core.remoteAllowed()) {
    await core.close()
    fail(
      `${values.host ? '--host' : 'The bindAddress setting'} ${host} would expose the proxy beyond this machine. Add --allow-remote (or turn on the allowRemote setting) if that is what you want.`,
    )
  }
  if (!isLoopbackAddress(host)) {
    console.warn(
      `switchboard: WARNING: listening on ${host}; other machines can reach the proxy. The proxy needs a member key (sk-sb-…) and the management API the admin token.`,
    )
  }
  const status = await core.start()
  if (status.state !== 'listening') {
    await core.close()
    fail(status.state === 'error' ? status.message : 'the server did not start')
  }
  console.log(`Switchboard listening on ${status.url}`)
  console.log(`  proxy:      ${status.url}/v1/mux  (OpenAI- and Anthropic-compatible)`)
  console.log(`  window:     ${status.url}/ui  (sign in with the admin token)`)
  const tokenSource =
    values['admin-token'] || process.env.SWITCHBOARD_ADMIN_TOKEN
      ? 'as given'
      : `in ${core.dataDir}/admin-token`
  console.log(`  management: ${status.url}/api/v1  (admin token ${tokenSource})`)
  console.log(`  health:     ${status.url}/healthz, ${status.url}/readyz, ${status.url}/metrics`)
  if (values.config)
    console.log(`  config:     ${values.config}  (watched; what it declares is read-only)`)

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`switchboard: ${signal}, finishing in-flight requests`)
    await core.close()
    console.log('switchboard: stopped')
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

async function exportAll(argv: string[]): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        all: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        url: { type: 'string' },
        'admin-token': { type: 'string' },
      },
    }))
  } catch (err) {
    fail(`${(err as Error).message}\n\n${usage}`)
  }
  if (!values.all) fail(`export needs --all (the whole configuration).\n\n${usage}`)
  const dataDir = values['data-dir'] ?? defaultDataDir()
  try {
    if (values.url) {
      const token =
        values['admin-token'] ?? process.env.SWITCHBOARD_ADMIN_TOKEN ?? readAdminToken(dataDir)
      const config = await exportConfig(createHttpApi(values.url, token))
      process.stdout.write(configToYaml(config, values.url))
      return
    }
    const core = createCore({ dataDir })
    try {
      process.stdout.write(configToYaml(await exportConfig(core.api), dataDir))
    } finally {
      await core.close()
    }
  } catch (err) {
    if (!(err instanceof SwitchboardError)) throw err
    const running = err.code === 'conflict' && !values.url
    fail(
      running
        ? `${err.message}\nTo export from the running server: switchboard export --all --url http://127.0.0.1:8989 --data-dir ${dataDir}`
        : err.message,
    )
  }
}

function readAdminToken(dataDir: string): string {
  try {
    return readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()
  } catch {
    fail(
      `no admin token: pass --admin-token or set SWITCHBOARD_ADMIN_TOKEN (or --data-dir of that server).`,
    )
  }
}

const [command = 'serve', ...rest] = process.argv.slice(2)
if (command === 'serve') await serve(rest)
else if (command === 'export') await exportAll(rest)
else if (command === '--help' || command === '-h' || command === 'help') console.log(usage)
else fail(`unknown command "${command}".\n\n${usage}`)
