/**
 * autocannon's setupRequest for bench/search.ts, loaded in autocannon's worker thread (which
 * takes a file, not a function): each request takes the next path of the benchmark's query mix.
 */
const fs = process.getBuiltinModule('node:fs')

const paths = JSON.parse(fs.readFileSync(process.env.BENCH_PATHS_FILE, 'utf8'))
let next = 0

module.exports = (request) => ({ ...request, path: paths[next++ % paths.length] })
