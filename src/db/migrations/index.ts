import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-users-and-setup.js';
import * as m0002 from './0002-sessions-and-throttle.js';
import * as m0003 from './0003-second-factor-and-sudo.js';
import * as m0004 from './0004-email-and-magic-links.js';
import * as m0005 from './0005-qr-login.js';
import * as m0006 from './0006-passkeys.js';
import * as m0007 from './0007-oidc.js';
import * as m0008 from './0008-email-verification.js';
import * as m0009 from './0009-api-keys.js';
import * as m0010 from './0010-uploads.js';
import * as m0011 from './0011-jobs.js';
import * as m0012 from './0012-dub-segments.js';
import * as m0013 from './0013-dub-renders.js';
import * as m0014 from './0014-job-parent.js';
import * as m0015 from './0015-generation-projects.js';
import * as m0016 from './0016-gallery-shares.js';
import * as m0017 from './0017-generation-usage.js';
import * as m0018 from './0018-job-previews.js';
import * as m0019 from './0019-blobs.js';
import * as m0020 from './0020-storage-keys.js';
import * as m0021 from './0021-shred-ledger.js';
import * as m0022 from './0022-shred-ledger-key.js';
import * as m0023 from './0023-library.js';
import * as m0024 from './0024-user-settings.js';
import * as m0025 from './0025-job-privacy.js';
import * as m0026 from './0026-retention-runs.js';
import * as m0027 from './0027-backup-runs.js';

/**
 * Every migration, in order. Listed statically (not read from a folder) so the
 * compiled build and the tests run exactly the same set.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-users-and-setup': m0001,
  '0002-sessions-and-throttle': m0002,
  '0003-second-factor-and-sudo': m0003,
  '0004-email-and-magic-links': m0004,
  '0005-qr-login': m0005,
  '0006-passkeys': m0006,
  '0007-oidc': m0007,
  '0008-email-verification': m0008,
  '0009-api-keys': m0009,
  '0010-uploads': m0010,
  '0011-jobs': m0011,
  '0012-dub-segments': m0012,
  '0013-dub-renders': m0013,
  '0014-job-parent': m0014,
  '0015-generation-projects': m0015,
  '0016-gallery-shares': m0016,
  '0017-generation-usage': m0017,
  '0018-job-previews': m0018,
  '0019-blobs': m0019,
  '0020-storage-keys': m0020,
  '0021-shred-ledger': m0021,
  '0022-shred-ledger-key': m0022,
  '0023-library': m0023,
  '0024-user-settings': m0024,
  '0025-job-privacy': m0025,
  '0026-retention-runs': m0026,
  '0027-backup-runs': m0027,
};
