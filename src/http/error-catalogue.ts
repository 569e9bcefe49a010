import { accessErrors } from '../access/errors.js';
import { authErrors } from '../auth/errors.js';
import { setupErrors } from '../setup/errors.js';
import type { ErrorDefinition } from './app-error.js';
import { userErrors } from '../users/errors.js';
import { uploadErrors } from '../uploads/errors.js';
import { jobErrors } from '../jobs/errors.js';
import { httpErrors } from './errors.js';
import { engineErrors } from '../engines/errors.js';
import { dubErrors } from '../pipeline/errors.js';
import { reviewErrors } from '../pipeline/review/errors.js';
import { playbackErrors } from '../pipeline/playback/errors.js';
import { storageErrors } from '../storage/errors.js';
import { libraryErrors } from '../library/errors.js';
import { privacyErrors } from '../storage/privacy-errors.js';
import { backupErrors } from '../backup/errors.js';
import { galleryErrors, generationErrors, generationOutputErrors, templateErrors, usageErrors } from '../generation/errors.js';

/** Every domain's catalogue; a test keeps codes unique and documented in docs/errors.md. */
export const errorCatalogues: Readonly<Record<string, Readonly<Record<string, ErrorDefinition>>>> = {
  http: httpErrors,
  auth: authErrors,
  setup: setupErrors,
  access: accessErrors,
  users: userErrors,
  uploads: uploadErrors,
  jobs: jobErrors,
  engines: engineErrors,
  dub: dubErrors,
  review: reviewErrors,
  playback: playbackErrors,
  generation: generationErrors,
  generation_outputs: generationOutputErrors,
  gallery: galleryErrors,
  usage: usageErrors,
  templates: templateErrors,
  storage: storageErrors,
  library: libraryErrors,
  privacy: privacyErrors,
  backups: backupErrors,
};
