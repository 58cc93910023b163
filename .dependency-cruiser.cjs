// Import boundaries, checked by `npm run lint` (docs/ARCHITECTURE.md, "Checked rules").
// Each rule's comment is what the failure prints: it says what to do instead.
// A rule's exceptions are listed in it by file, each with its reason; remove an exception once
// its file no longer needs it (an exception that matches nothing costs nothing, so check by hand).

/** Test files: they may reach into what they test. */
const TEST = '\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain/ is pure rules and owns the vocabulary: it imports only from src/domain/ (and ' +
        'npm libraries). Move what it needs into src/domain/ and let src/shared/ import it from there.',
      severity: 'error',
      from: {
        path: '^src/domain/',
        pathNot: TEST,
      },
      to: { path: '^src/(server|shared|web)/' },
    },
    {
      name: 'domain-tests-load-content-only',
      comment:
        'A domain test may use the server only to load content files (src/server/content/); ' +
        'anything else it needs belongs in src/domain/.',
      severity: 'error',
      from: { path: `^src/domain/.*${TEST}` },
      to: { path: '^src/(server|web)/', pathNot: '^src/server/content/' },
    },
    {
      name: 'shared-is-the-contract',
      comment:
        'src/shared/ is the API contract used by server and web: it may import src/domain/ ' +
        '(vocabulary) and zod, never src/server/ or src/web/. Move the type into src/shared/ or src/domain/.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(server|web)/' },
    },
    {
      name: 'web-never-imports-server',
      comment:
        'The web app talks to the server over HTTP only: import the contract from src/shared/ ' +
        '(or src/domain/), never from src/server/.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'server-never-imports-web',
      comment: 'The server does not import the web app. Shared types go in src/shared/ or src/domain/.',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'http-only-at-the-edge',
      comment:
        'Only the HTTP edge (src/server/http/, routes.ts, app.ts) imports src/server/http/. Services, ' +
        'repos, db/ and the rest throw domain errors from src/server/errors.ts (notFound(), ' +
        "conflict('duplicate'), invalid(…, { issues })), which http/problem.ts maps to a status; " +
        'a type they share with the HTTP layer lives outside http/ (e.g. security/auth-context.ts).',
      severity: 'error',
      from: {
        path: '^src/server/',
        pathNot: [TEST, '^src/server/http/', '^src/server/app\\.ts$', '(^|/)routes\\.ts$'],
      },
      to: { path: '^src/server/http/' },
    },
    {
      name: 'server-module-through-its-service',
      comment:
        'Another server module is used through its service.ts (or index.ts, or findings.ts for the home page, or plan-section.ts for the IT-BCP document), never its routes, repo or ' +
        'other files. Call or add a function in that service; a type several modules share goes in ' +
        'src/server/modules/types.ts (or a file under src/server/ outside modules/).',
      severity: 'error',
      from: {
        path: '^src/server/modules/([^/]+)/',
        pathNot: TEST,
      },
      to: {
        path: '^src/server/modules/[^/]+/',
        pathNot: [
          '^src/server/modules/$1/',
          '^src/server/modules/[^/]+/(service|index|findings|plan-section)\\.ts$',
          // Until users and memberships have service functions for orgs to call.
          '^src/server/modules/auth/repo\\.ts$',
        ],
      },
    },
    {
      name: 'web-feature-through-its-public-files',
      comment:
        'Another web feature is used through its api.ts (queries), labels.ts (display words), ' +
        'index.ts or its home-page *-card.tsx only. Move a component or helper two features share into src/web/app/.',
      severity: 'error',
      from: { path: '^src/web/features/([^/]+)/', pathNot: TEST },
      to: {
        path: '^src/web/features/[^/]+/',
        pathNot: [
          '^src/web/features/$1/',
          '^src/web/features/[^/]+/(api|labels|index)\\.tsx?$',
          // A feature's card for the home page (the home page gathers them; index.tsx is the lazy route).
          '^src/web/features/[^/]+/[a-z-]+-card\\.tsx$',
        ],
      },
    },
    {
      name: 'no-unresolvable',
      comment: 'This import resolves to nothing: fix the path (TypeScript sources are imported as .js).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
