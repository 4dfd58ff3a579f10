// Reads dependency-cruiser's JSON (stdin) and fails when two feature folders import each other,
// directly or around a circle: dependency-cruiser's own folder rules also count circles through
// src/ and views/, so the feature graph is checked here.
let input = ''
for await (const chunk of process.stdin) input += chunk
const { modules } = JSON.parse(input)
const featureOf = (path) => /^src\/features\/([^/]+)\//.exec(path)?.[1]

const edges = new Map()
for (const module of modules) {
  const from = featureOf(module.source)
  if (!from) continue
  for (const dependency of module.dependencies) {
    const to = featureOf(dependency.resolved)
    if (!to || to === from) continue
    if (!edges.has(from)) edges.set(from, new Map())
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${module.source} → ${dependency.resolved}`)
  }
}

// A feature that can reach itself again sits on a circle; report the circle once.
const reported = new Set()
let circles = 0
for (const start of edges.keys()) {
  const path = findPath(start, start, new Set())
  if (!path) continue
  const key = [...path].sort().join(',')
  if (reported.has(key)) continue
  reported.add(key)
  circles++
  console.error(`feature folders in a circle: ${path.join(' → ')} → ${start}`)
  path.forEach((feature, i) => console.error(`  ${edges.get(feature).get(path[i + 1] ?? start)}`))
}

function findPath(from, target, seen) {
  for (const next of edges.get(from)?.keys() ?? []) {
    if (next === target) return [from]
    if (seen.has(next)) continue
    seen.add(next)
    const rest = findPath(next, target, seen)
    if (rest) return [from, ...rest]
  }
  return undefined
}

if (circles > 0) process.exit(1)
console.log(`✔ no feature folders import each other (${edges.size} features with dependencies)`)
