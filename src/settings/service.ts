import type { Principal } from '../access/principal.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { allowedModes, modeForJob, type PrivacyMode, type PrivacyRules } from '../storage/privacy-policy.js';
import { privacyErrors } from '../storage/privacy-errors.js';

/** A person's defaults; null where they keep the server's. */
export interface Settings {
  readonly target_language: string | null;
  readonly voice: string | null;
  readonly privacy_mode: PrivacyMode | null;
}

/**
 * A person's defaults for new jobs (target language, voice, privacy mode),
 * with the server's privacy rules beside them so a client offers only the
 * modes it may choose. Saving replaces all three at once (PUT).
 */
export function createSettings(deps: { db: Db; privacy: PrivacyRules; now: () => Date }) {
  const rules = () => ({ default: deps.privacy.defaultMode, allowed: allowedModes(deps.privacy) });

  async function read(userId: string): Promise<Settings> {
    const row = await deps.db.selectFrom('user_settings').select(['target_language', 'voice', 'privacy_mode']).where('user_id', '=', userId).executeTakeFirst();
    return row ?? { target_language: null, voice: null, privacy_mode: null };
  }

  async function get(principal: Principal) {
    return { ...(await read(principal.userId)), privacy: rules() };
  }

  async function put(principal: Principal, settings: Settings) {
    if (settings.privacy_mode !== null && !allowedModes(deps.privacy).includes(settings.privacy_mode)) throw new AppError(privacyErrors.privacy_mode_not_allowed);
    const row = { ...settings, updated_at: deps.now().toISOString() };
    await deps.db
      .insertInto('user_settings')
      .values({ user_id: principal.userId, ...row })
      .onConflict((conflict) => conflict.column('user_id').doUpdateSet(row))
      .execute();
    return get(principal);
  }

  /** The mode a new job of the user's runs under: its own choice, else their preference, within the admin's rules; a refusal is a 422. */
  async function privacyModeFor(userId: string, requested: PrivacyMode | undefined): Promise<PrivacyMode> {
    const preference = (await read(userId)).privacy_mode ?? undefined;
    const decided = modeForJob(deps.privacy, { ...(requested && { job: requested }), ...(preference && { preference }) });
    if ('refused' in decided) throw new AppError(privacyErrors[decided.refused]);
    return decided.mode;
  }

  return { get, put, read, privacyModeFor };
}

export type SettingsService = ReturnType<typeof createSettings>;
