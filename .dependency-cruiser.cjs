// The architecture's import rules (issue 13), checked by `npm test`. A feature may use the core,
// lib/, db/ and another feature's service or queries; never another feature's routes or API, and
// no two feature folders import each other (scripts/feature-folder-cycles.mjs checks that on
// this cruise's output). lib/ stands below everything; views get plain props.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A module may not import itself through others (type-only imports excepted: they vanish at run time).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-other-features-doors',
      severity: 'error',
      comment: "A feature may call another feature's service or queries, never its routes or API module.",
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/[^/]+/[^/]*(routes|api)[.]tsx?$', pathNot: '^src/features/$1/' },
    },
    {
      name: 'lib-stands-alone',
      severity: 'error',
      comment: 'lib/ is framework-free helpers: no views, features, core, middleware or Durable Objects.',
      from: { path: '^src/lib/' },
      to: { path: '^(views/|src/(features|core|middleware|durable-objects|jobs)/)' },
    },
    {
      name: 'core-below-features',
      severity: 'error',
      comment: 'The core is what features share; it imports no feature or middleware, and of the views only the page layout.',
      from: { path: '^src/core/' },
      to: { path: '^(views/|src/(features|middleware|jobs)/)', pathNot: '^views/layouts/' },
    },
    {
      name: 'views-take-plain-props',
      severity: 'error',
      comment: "Views are pure functions of props: no services, queries, routes, APIs, middleware or rooms. They may read presenters' shapes, schemas' vocabularies and the shared limits.",
      from: { path: '^views/' },
      to: {
        path: '^src/(features/.+/(service|queries|routes|api|[^/]*-routes)[.]tsx?$|features/[^/]+/service/|middleware/|durable-objects/|core/(?!(input|shapes)[.]ts$))',
      },
    },
    {
      name: 'rooms-call-features-one-way',
      severity: 'error',
      comment: "A Durable Object's class calls features' services; what features use of a room (its stub and protocol) imports no feature.",
      from: { path: '^src/durable-objects/[^/]+/(stub|protocol)\\.ts$' },
      to: { path: '^src/features/' },
    },
    {
      name: 'rooms-call-services',
      severity: 'error',
      comment: "A room reaches the database through features' services, never their queries (types aside).",
      from: { path: '^src/durable-objects/' },
      to: { path: '^src/features/[^/]+/[^/]*queries[.]ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'features-use-room-clients-only',
      severity: 'error',
      comment: "Features reach a room through its stub (and share its protocol), never its class.",
      from: { path: '^src/features/' },
      to: { path: '^src/durable-objects/', pathNot: '^src/durable-objects/[^/]+/(stub|protocol|limits)\\.ts$' },
    },
    {
      name: 'drizzle-only-in-queries',
      severity: 'error',
      comment:
        "Services, routes, presenters, jobs and the core speak the domain: Drizzle and the tables appear only in queries modules (the enums are vocabulary, not tables), and in the core's two SQL kernels, the audit writer and the record-access rule, which are statements by design.",
      from: { path: '^src/(features|jobs|core)/', pathNot: '((^|/)[^/]*queries[.]ts|^src/core/(audit|record-access)[.]ts)$' },
      to: { path: '^(node_modules/drizzle-orm/|src/db/schema/(?!enums[.]ts$))' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(public|test|scripts)/' },
  },
}
