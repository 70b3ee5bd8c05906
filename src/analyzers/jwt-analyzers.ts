// The JWT and browser-auth analyzers (issue 4), listed once so src/analyzers/index.ts only spreads them.
import type { BlobAnalyzer, FindingsAnalyzer } from './analyzer.js';
import { jsAuthAnalyzer } from './js-auth.js';
import { jwtSecretAnalyzer } from './jwt-secret.js';
import { jwtSecretLoggedAnalyzer } from './jwt-secret-logged.js';
import { jwtSecretReusedAnalyzer } from './jwt-secret-reused.js';
import { jwtTokenAnalyzer } from './jwt-token.js';
import { jwtWeakSignatureAnalyzer } from './jwt-weak-signature.js';

export const JWT_BLOB_ANALYZERS: readonly BlobAnalyzer[] = [jwtSecretAnalyzer, jwtTokenAnalyzer, jwtSecretLoggedAnalyzer, jsAuthAnalyzer];

export const JWT_FINDINGS_ANALYZERS: readonly FindingsAnalyzer[] = [jwtWeakSignatureAnalyzer, jwtSecretReusedAnalyzer];
