import { join } from 'node:path';
import type { Logger } from 'pino';
import { type AccountService, createAccountService } from './auth/account-service.js';
import { createCsrfTokens, type CsrfTokens } from './auth/csrf.js';
import { createLoginService, type LoginService } from './auth/login-service.js';
import { createMagicLinkService, type MagicLinkService } from './auth/magic-link-service.js';
import { createMailer } from './ops/mailer.js';
import { createEmailService, type EmailService } from './auth/email-service.js';
import { createUploadService, type UploadService } from './uploads/service.js';
import { dubCapabilities } from './pipeline/capabilities.js';
import { isOfflineVoiceInstalled } from './engines/tts/espeak/offline-voice.js';
import { createOfflineVoiceEngine } from './engines/tts/offline-voice-engine.js';
import { type ArtifactStore, createArtifactStore } from './jobs/artifacts.js';
import { createJobTypes, type JobTypes } from './jobs/job-types.js';
import { createJobOutputs, type JobOutputs } from './jobs/output-service.js';
import { createQueueSignal, type QueueSignal } from './jobs/queue-signal.js';
import type { GenerationCapabilities } from './generation/options.js';
import { createProjectService, type ProjectService } from './generation/projects.js';
import { createGallery, type Gallery } from './generation/gallery.js';
import { createGenerationUsage, type GenerationUsage } from './generation/usage.js';
import { createGenerationCleanup, type GenerationCleanup } from './generation/cleanup.js';
import { createTemplateRegistry, type TemplateRegistry } from './generation/template-registry.js';
import { createJobService, type JobService } from './jobs/service.js';
import { createSettings, type SettingsService } from './settings/service.js';
import { createRetention, type Retention } from './retention/service.js';
import { type Backups, createBackups } from './backup/backups.js';
import { backupKeys } from './backup/keys.js';
import { type BackupService, createBackupService } from './backup/service.js';
import { createLibrary, type Library } from './library/service.js';
import { dialectOf } from './db/database.js';
import { createPlayback, type Playback } from './pipeline/playback/service.js';
import { createQaReports, type QaReports } from './pipeline/review/qa-report.js';
import { createLinePreviews, type LinePreviews } from './pipeline/preview/service.js';
import { createRenders, type Renders } from './pipeline/review/renders.js';
import { createSegmentReview, type SegmentReview } from './pipeline/review/service.js';
import { createFilePicker, type FilePicker } from './uploads/file-picker.js';
import { createPickedImport, type PickedImport } from './uploads/import-picked.js';
import { createUploadFiles, type UploadFiles } from './uploads/upload-files.js';
import { locateTool } from './media/toolchain.js';
import { type ApiKeyService, createApiKeyService } from './access/api-key-service.js';
import { createRequestSigning, type RequestSigning } from './access/signed-requests.js';
import { createSignedUrlService, type SignedUrlService } from './access/signed-url-service.js';
import { createUrlSigner } from './access/url-signer.js';
import { createOidcService, type OidcService } from './auth/oidc-service.js';
import { createQrLoginService, type QrLoginService } from './auth/qr-login-service.js';
import { createPasskeyService, type PasskeyService } from './auth/passkey-service.js';
import { createLoginThrottle, type LoginThrottle } from './auth/login-throttle.js';
import { createPasswordService, type PasswordService } from './auth/passwords.js';
import { createSessionService, type SessionService } from './auth/session-service.js';
import { createTotpService, type TotpService } from './auth/totp-service.js';
import { type FollowingSealers, followingSealers } from './storage/keys/sealed-secrets.js';
import type { Secrets } from './config/generated-secrets.js';
import type { Config } from './config/load.js';
import type { Db } from './db/types.js';
import { type AuditLog, createAuditLog } from './ops/audit.js';
import { createReadinessCheck, type ReadinessReport } from './ops/readiness.js';
import type { BlobStore } from './storage/blob-store.js';
import type { Storage } from './storage/open-storage.js';
import { createSetupService, type SetupService } from './setup/service.js';
import { createUserAdmin, type UserAdmin } from './users/service.js';
import { createEngines, type Engines } from './engines/index.js';
import { createEngineStatus, type EngineStatusService } from './engines/status.js';

/** Every service, wired once with its real dependencies (no container, no globals). */
export interface Services {
  readonly config: Config;
  readonly db: Db;
  readonly audit: AuditLog;
  readonly passwords: PasswordService;
  readonly sessions: SessionService;
  readonly throttle: LoginThrottle;
  readonly login: LoginService;
  readonly totp: TotpService;
  readonly magicLinks: MagicLinkService;
  readonly qr: QrLoginService;
  readonly passkeys: PasskeyService;
  readonly oidc: OidcService;
  readonly email: EmailService;
  readonly apiKeys: ApiKeyService;
  readonly signedUrls: SignedUrlService;
  readonly uploads: UploadService;
  readonly filePicker: FilePicker;
  readonly pickedImport: PickedImport;
  /** The uploads' bytes, in the blob store. */
  readonly uploadFiles: UploadFiles;
  readonly requestSigning: RequestSigning;
  readonly jobTypes: JobTypes;
  readonly jobs: JobService;
  /** The generation templates and limits, for submission checks and the worker. */
  readonly generation: GenerationCapabilities;
  /** Generation projects: their versions and outputs. */
  readonly projects: ProjectService;
  /** The gallery and its share links. */
  readonly gallery: Gallery;
  /** Workflow templates: shipped and admin-installed. */
  readonly templates: TemplateRegistry;
  /** Daily generation allowances and engine time used. */
  readonly usage: GenerationUsage;
  /** Removes the files of generations no version references (a deleted project's). */
  readonly generationCleanup: GenerationCleanup;
  /** Jobs queued in this process, for a worker in this process to start at once. */
  readonly queueSignal: QueueSignal;
  readonly jobOutputs: JobOutputs;
  /** Backups of the database and the stored objects, in BACKUP_DIR. */
  readonly backups: Backups;
  /** Backups as the server makes them: scheduled or asked for, one at a time, each verified and recorded. */
  readonly backupRuns: BackupService;
  /** What has outgrown its kind's age leaves: unused uploads, old logs, old outputs, the trash. */
  readonly retention: Retention;
  /** The library over jobs: search, metadata, archive, trash, delete for good. */
  readonly library: Library;
  readonly settings: SettingsService;
  readonly artifacts: ArtifactStore;
  readonly review: SegmentReview;
  readonly renders: Renders;
  readonly qa: QaReports;
  readonly previews: LinePreviews;
  readonly playback: Playback;
  readonly csrf: CsrfTokens;
  readonly setup: SetupService;
  readonly users: UserAdmin;
  readonly accounts: AccountService;
  readonly checkReadiness: () => Promise<ReadinessReport>;
  /** What seals TOTP and request-signing secrets (under the active storage key when encryption at rest is on). */
  readonly sealers: FollowingSealers;
  /** The one storage API for blobs (src/storage/). */
  readonly blobs: BlobStore;
  /** The blob store's backend and, with encryption at rest, its keys. */
  readonly storage: Storage;
  /** The dubbing engines (for the worker and the status probes; never handed to job processes). */
  readonly engines: Engines;
  readonly engineStatus: EngineStatusService;
  /** The services' clock; routes use it for time checks such as sudo mode. */
  readonly now: () => Date;
}

export interface ServiceInputs {
  readonly config: Config;
  /** Opened before the services (openStorage), as opening it may refuse the start. */
  readonly storage: Storage;
  readonly secrets: Secrets;
  readonly db: Db;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export function createServices(inputs: ServiceInputs): Services {
  const { config, db, logger } = inputs;
  const now = inputs.now ?? (() => new Date());
  const audit = createAuditLog({
    dir: join(config.dataDir, 'audit'),
    now,
    onWriteError: (error) => logger.error({ err: error }, 'audit log write failed; requests continue, events are being lost'),
    onRecovered: () => logger.warn('audit log writable again'),
  });
  const passwords = createPasswordService(config.passwords);
  const sessions = createSessionService({ db, lifetimes: config.sessions, audit, now });
  const throttle = createLoginThrottle({ db, now });
  const mailer = createMailer(config.mail);
  const sealers = followingSealers({ dataDir: config.dataDir, serverKey: inputs.secrets.encryptionKey, ...(inputs.storage.keyring && { keyring: inputs.storage.keyring }) });
  const totp = createTotpService({ db, sealer: sealers.totp, throttle, audit, now });
  const login = createLoginService({ db, passwords, sessions, throttle, totp, audit, now });
  const uploadFiles = createUploadFiles(inputs.storage.blobs);
  const apiKeys = createApiKeyService({ db, audit, sealer: sealers.apiKeySigning, limits: config.apiKeys, now });
  const passkeys = createPasskeyService({ db, login, audit, webauthn: config.webauthn, now });
  const engines = createEngines(config.engines, {
    ...(config.engines.tts.engine === 'espeak' && isOfflineVoiceInstalled() && { offlineVoice: createOfflineVoiceEngine({ scratchRoot: join(config.dataDir, 'tmp'), defaultVoice: config.engines.defaultVoice }) }),
  });
  const projects = createProjectService({ db, audit, now });
  const templates = createTemplateRegistry({ dir: join(config.dataDir, 'templates'), engine: () => engines.generate, audit });
  const usage = createGenerationUsage({ db, limits: { dailyGenerations: config.generation.dailyLimit, dailyGpuSeconds: config.generation.dailyGpuSeconds, gpuSlots: config.jobs.caps.gpuSlots }, now });
  const generation: GenerationCapabilities = {
    engine: engines.generate !== undefined,
    promptMax: config.generation.promptMax,
    template: templates.get,
    target: projects.checkTarget,
    admit: usage.admit,
  };
  const jobTypes = createJobTypes({ selftest: config.jobs.selftest, dub: () => dubCapabilities(engines), generation: () => generation });
  const queueSignal = createQueueSignal();
  const settings = createSettings({ db, privacy: { ...config.privacy, encryptionOn: config.storage.encrypted }, now });
  const jobs = createJobService({ db, types: jobTypes, caps: config.jobs.caps, audit, now, readUpload: uploadFiles.readAll, signal: queueSignal, privacyMode: settings.privacyModeFor });
  const artifacts = createArtifactStore(inputs.storage.blobs);
  const uploads = createUploadService({
    db,
    limits: config.uploadLimits,
    policy: config.uploadPolicy,
    throttle,
    files: uploadFiles,
    // In the data dir, private to the server: job processes never see it.
    scratchDir: join(config.dataDir, 'tmp', 'validate'),
    validation: { ffprobe: memoize(() => locateTool('ffprobe', config.media.ffprobePath)), limits: config.mediaLimits },
    audit,
    onValidationError: (id, error) => logger.error({ err: error, upload: id }, 'upload validation could not finish; it is tried again later'),
    now,
  });
  const filePicker = createFilePicker(config.filePickerRoots);
  const review = createSegmentReview({ db, dialect: dialectOf(db), jobs, audit, now });
  const jobOutputs = createJobOutputs({ db, jobs, artifacts });
  const backups = createBackups({ db, database: config.database, config: config.backup, objects: inputs.storage.objects, keys: backupKeys(inputs.secrets.encryptionKey), dataDir: config.dataDir, now, checkAtRest: inputs.storage.blobs.checkCopy });
  const library = createLibrary({ db, jobs, artifacts, audit, dataDir: config.dataDir, trashDays: config.library.trashDays, hardDelete: config.library.hardDelete, now });
  return {
    config,
    db,
    audit,
    passwords,
    sessions,
    throttle,
    login,
    passkeys,
    qr: createQrLoginService({ db, sessions, login, throttle, audit, now }),
    magicLinks: createMagicLinkService({ db, mailer, throttle, login, sessions, audit, publicUrl: config.publicUrl, ttlMs: config.magicLinkTtlMs, now }),
    totp,
    apiKeys,
    requestSigning: createRequestSigning({ db, apiKeys, audit, now }),
    signedUrls: createSignedUrlService({ db, signer: createUrlSigner(inputs.secrets.secretKey), apiKeys, audit, now }),
    uploads,
    uploadFiles,
    jobTypes,
    jobs,
    generation,
    projects,
    gallery: createGallery({ db, artifacts, audit, now }),
    usage,
    templates,
    generationCleanup: createGenerationCleanup({ db, artifacts, audit }),
    queueSignal,
    jobOutputs,
    settings,
    library,
    backups,
    backupRuns: createBackupService({ backups, db, audit, now, config: config.backup }),
    retention: createRetention({ db, policy: config.retention, types: jobTypes, uploadFiles, library, audit, now }),
    artifacts,
    review,
    renders: createRenders({ db, review, artifacts, audit, kept: config.dub.rendersKept, now, signal: queueSignal }),
    qa: createQaReports({ db, review, artifacts }),
    previews: createLinePreviews({ db, jobs, review, artifacts }),
    playback: createPlayback({ db, jobs, review, outputs: jobOutputs }),
    filePicker,
    pickedImport: createPickedImport({ db, uploads, files: uploadFiles, picker: filePicker, audit, now }),
    email: createEmailService({ db, mailer, audit, publicUrl: config.publicUrl, now }),
    oidc: createOidcService({ db, config: config.oidc, secretKey: inputs.secrets.secretKey, login, throttle, audit, now }),
    csrf: createCsrfTokens(inputs.secrets.secretKey),
    setup: createSetupService({ db, dataDir: config.dataDir, audit, passwords, now }),
    users: createUserAdmin({ db, passwords, sessions, throttle, audit, now }),
    accounts: createAccountService({ db, passwords, sessions, throttle, totp, passkeys, audit, now }),
    now,
    checkReadiness: createReadinessCheck({ db, dataDir: config.dataDir, objects: inputs.storage.objects }),
    sealers,
    blobs: inputs.storage.blobs,
    storage: inputs.storage,
    engines,
    engineStatus: createEngineStatus({ config: config.engines, engines }),
  };
}

/** Computes once on first call; a failure is not kept, so a binary installed later is found. */
function memoize<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}
