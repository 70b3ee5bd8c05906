#!/usr/bin/env node
// Why not `#!/usr/bin/env -S node --` (which would stop node from taking `--env-file FILE`, an
// argument of `generate`/`check-env`, for itself): BusyBox env (Alpine, e.g. node:*-alpine
// images) and the BSDs' env have no -S, and the whole CLI would fail to start there. Launchers we
// write (the npm script, git hooks) pass `node -- bin/leakhound.js`; `--dotenv FILE` is the
// spelling that works however leakhound is started.
import '../dist/cli.js';
