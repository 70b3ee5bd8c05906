// Which files ship to browsers: component sources, client/frontend folders, built bundles.
// A signing secret there is public. Pure path tests.

const CLIENT_EXT = /\.(?:jsx|tsx|vue|svelte)$/i;
const CLIENT_DIR = /(?:^|\/)(?:client|frontend|web|public|static|www|app\/assets|src\/components|src\/pages|src\/views)\//i;
const BUNDLE = /(?:^|\/)(?:dist|build|out|\.next\/static)\/.*\.m?js$|\.(?:bundle|chunk|min)\.m?js$/i;
/** Server code inside a client-looking tree (Next.js API routes, server folders). */
const SERVER_HINT = /(?:^|\/)(?:api|server|backend|functions)\/|\.server\.[jt]sx?$/i;

export function isClientPath(path: string): boolean {
  if (SERVER_HINT.test(path)) return false;
  return CLIENT_EXT.test(path) || CLIENT_DIR.test(path) || BUNDLE.test(path);
}
