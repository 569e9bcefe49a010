// Generated from /api/openapi.json by scripts/api-types.ts; do not edit. `npm run api-types` rewrites it.

export interface paths {
    "/api/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everyone's security events, newest first, filtered and paged
         * @description Requires the `audit:read_all` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An action, or its family: `user` matches every `user.*`. */
                    action?: string;
                    /** @description A user id: the events that user caused. */
                    actor?: string;
                    /** @description next_cursor from the previous page. */
                    cursor?: string;
                    /** @description Events at or after this time. */
                    from?: string;
                    limit?: number;
                    result?: "success" | "failure" | "denied";
                    /** @description Events before this time. */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                action: string;
                                actor: {
                                    id?: string;
                                    type: string;
                                };
                                details: {
                                    [key: string]: unknown;
                                };
                                ip: string | null;
                                request_id: string | null;
                                result: string;
                                target: string | null;
                                /** Format: date-time */
                                time: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Admins: the backups, each one's last verify, and the latest runs
         * @description Requires the `settings:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Newest first. */
                            backups: {
                                /** @description Bytes this backup copied (the rest were in an earlier one). */
                                copied_bytes?: number;
                                created_at?: string;
                                /** @description Why this backup cannot be used: it is not restored. */
                                damaged?: string;
                                files?: number;
                                name: string;
                                sakuga_version?: string;
                                verify?: {
                                    at: string;
                                    ok: boolean;
                                    problems: string[];
                                };
                            }[];
                            /** @description Where the backups are (BACKUP_DIR). */
                            dir: string;
                            /** @description 0: no scheduled backups. */
                            interval_hours: number;
                            keep: number;
                            running: boolean;
                            /** @description The latest backups made and verified, newest first. */
                            runs: {
                                detail: {
                                    [key: string]: unknown;
                                };
                                finished_at: string;
                                kind: "create" | "verify";
                                ok: boolean;
                                snapshot: string | null;
                                started_at: string;
                                trigger: "schedule" | "admin";
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Admins: make a backup now, in the background (then verified); 409 while one runs
         * @description Requires the `settings:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            started: true;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/backups/{name}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Admins: verify a backup now (its manifest, every file's size, the database and a sample decrypted whole)
         * @description Requires the `settings:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checked: {
                                decrypted: number;
                                files: number;
                            };
                            erased_since: number;
                            name: string;
                            ok: boolean;
                            problems: string[];
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/gallery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Admins: what the public gallery lists now, or what was hidden, newest first, with whose each item is
         * @description Requires the `gallery:moderate` permission.
         */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description Default listed. */
                    state?: "listed" | "hidden";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                created_at: string;
                                /** @description The name its owner chose to show; null: none. */
                                display_name: string | null;
                                file_url: string;
                                format: string;
                                height: number | null;
                                id: string;
                                kind: "image" | "video";
                                mine?: {
                                    hidden: boolean;
                                    project_id: string;
                                    visibility: "private" | "public";
                                };
                                width: number | null;
                            } & {
                                hidden_at: string | null;
                                /** @description The owner's username. */
                                owner: string;
                                visibility: "private" | "public";
                            })[];
                            next_cursor?: string;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every live API key of every user
         * @description Requires the `users:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: {
                                allowed_cidrs: string[] | null;
                                /** Format: date-time */
                                created_at: string;
                                /** Format: date-time */
                                expires_at: string;
                                id: string;
                                last_used_at: string | null;
                                last_used_ip: string | null;
                                name: string;
                                /** @description sk_<id>: how the key shows up in logs and lists. */
                                prefix: string;
                                require_signature: boolean;
                                scopes: string[];
                                user_id: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Admins: the retention ages and the latest runs' reports
         * @description Requires the `settings:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            policy: {
                                interval_minutes: number;
                                log_days: number;
                                output_days: number;
                                trash_days: number;
                                unused_upload_days: number;
                            };
                            /** @description The latest runs, newest first. */
                            runs: {
                                /** @description Where copies of what was erased may still survive. */
                                backups: string;
                                /** @description It only counted what it would remove. */
                                dry_run: boolean;
                                finished_at: string;
                                id: string;
                                logs: {
                                    events: number;
                                    jobs: number;
                                    lines: number;
                                };
                                /** @description Finished jobs past RETENTION_OUTPUT_DAYS, moved to the trash. */
                                outputs: {
                                    jobs: number;
                                };
                                /** @description The ages it ran with, in days (0: never). */
                                policy: {
                                    log_days: number;
                                    output_days: number;
                                    trash_days: number;
                                    unused_upload_days: number;
                                };
                                started_at: string;
                                /** @description Jobs in the trash past TRASH_DAYS, deleted for good. */
                                trash: {
                                    encrypted: number;
                                    files: number;
                                    jobs: number;
                                };
                                trigger: "schedule" | "command" | "admin";
                                unused_uploads: {
                                    bytes: number;
                                    uploads: number;
                                };
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/retention/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Admins: a retention run now; a dry run only counts what it would remove
         * @description Requires the `settings:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Count only; change nothing. */
                        dry_run: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where copies of what was erased may still survive. */
                            backups: string;
                            /** @description It only counted what it would remove. */
                            dry_run: boolean;
                            finished_at: string;
                            id: string;
                            logs: {
                                events: number;
                                jobs: number;
                                lines: number;
                            };
                            /** @description Finished jobs past RETENTION_OUTPUT_DAYS, moved to the trash. */
                            outputs: {
                                jobs: number;
                            };
                            /** @description The ages it ran with, in days (0: never). */
                            policy: {
                                log_days: number;
                                output_days: number;
                                trash_days: number;
                                unused_upload_days: number;
                            };
                            started_at: string;
                            /** @description Jobs in the trash past TRASH_DAYS, deleted for good. */
                            trash: {
                                encrypted: number;
                                files: number;
                                jobs: number;
                            };
                            trigger: "schedule" | "command" | "admin";
                            unused_uploads: {
                                bytes: number;
                                uploads: number;
                            };
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/storage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Admins: the blob storage, encryption at rest (keys, rotation progress) and usage per user
         * @description Requires the `settings:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backend: "fs" | "s3";
                            encryption: {
                                enabled: boolean;
                                keys: {
                                    blobs: number;
                                    created_at: string;
                                    kid: string;
                                    /** @description TOTP and request-signing secrets sealed under it. */
                                    secrets: number;
                                    state: "active" | "decrypt" | "retired";
                                }[];
                                /** @description Blobs still in plaintext; with encryption on, sealed in the background. */
                                plaintext_blobs: number;
                                /** @description TOTP and request-signing secrets not yet under the active key; re-sealed in the background. */
                                reseal_left: number;
                                /** @description Data keys still under a key a rotation replaced; re-wrapped in the background. */
                                rewrap_left: number;
                            };
                            /** @description Where blobs live: the data dir, or s3://bucket/prefix (never a credential). */
                            location: string;
                            /** @description Deleted for good, and what of it older backups could still bring back. */
                            shredded: {
                                /** @description Of those, encrypted: erased when their data keys were deleted. */
                                encrypted: number;
                                /** @description Encrypted ones a database backup from before their deletion could still open, until `keys` are retired and destroyed. */
                                in_older_backups: number;
                                keys: string[];
                                /** @description Files deleted for good (the shred ledger). */
                                objects: number;
                            };
                            totals: {
                                blobs: number;
                                bytes: number;
                            };
                            users: {
                                artifact_bytes: number;
                                upload_bytes: number;
                                user_id: string;
                                username: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List accounts
         * @description Requires the `users:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an account
         * @description Requires the `users:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string;
                        password: string;
                        role: "viewer" | "operator" | "editor" | "admin";
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            };
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change role, disable/enable, or unlock sign-in
         * @description Requires the `users:manage` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        disabled?: boolean;
                        /** @description For magic links; null removes it. */
                        email?: string | null;
                        /** @description Reset the password; ends all their sessions. Needs sudo mode. */
                        password?: string;
                        role?: "viewer" | "operator" | "editor" | "admin";
                        /**
                         * @description Clear sign-in throttling, including a hard lock.
                         * @enum {boolean}
                         */
                        unlock_login?: true;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            };
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/admin/users/{id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's live sessions
         * @description Requires the `users:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sessions: {
                                /** Format: date-time */
                                created_at: string;
                                created_ip: string | null;
                                /** @description The session making this request. */
                                current: boolean;
                                device_name: string | null;
                                /** Format: date-time */
                                expires_at: string;
                                id: string;
                                /** Format: date-time */
                                last_seen_at: string;
                                last_seen_ip: string | null;
                                mode: "token" | "cookie";
                                user_agent: string | null;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End one of a user's sessions
         * @description Requires the `users:manage` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    sessionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/recent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My own recent security events, newest first
         * @description Requires the `audit:read_own` permission.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                action: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                ip: string | null;
                                request_id: string | null;
                                result: string;
                                target: string | null;
                                /** Format: date-time */
                                time: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My email address and whether it is verified
         * @description Requires the `session:self` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string | null;
                            /** @description Only verified addresses get sign-in links or let single sign-on link the account. */
                            email_verified: boolean;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        /**
         * Change my email address (sudo mode): it takes effect when the link mailed to it is opened
         * @description Requires the `session:self` permission.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description null removes the address at once. */
                        email: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A link went to the new address; it becomes yours when the link is opened. */
                            confirmation_sent: boolean;
                            email: string | null;
                            /** @description Only verified addresses get sign-in links or let single sign-on link the account. */
                            email_verified: boolean;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/email/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a new email address with the mailed link */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string | null;
                            /** @description Only verified addresses get sign-in links or let single sign-on link the account. */
                            email_verified: boolean;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with a password (token or cookie mode) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        device_name?: string;
                        /** @default token */
                        mode?: "token" | "cookie";
                        password: string;
                        recovery_code?: string;
                        totp_code?: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            /** @description Seconds until the access token expires. */
                            expires_in: number;
                            refresh_token: string;
                            session_id: string;
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            };
                        } | {
                            /** @description Send as X-CSRF-Token on every state-changing request. */
                            csrf_token: string;
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            };
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this session
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/magic-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a sign-in link (always 202, whether or not the address has an account) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "accepted";
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/magic-link/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with a mailed link (plus a code for 2FA accounts) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        device_name?: string;
                        mode?: "token" | "cookie";
                        recovery_code?: string;
                        token: string;
                        totp_code?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            /** @description Seconds until the access token expires. */
                            expires_in: number;
                            refresh_token: string;
                            session_id: string;
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            };
                        } | {
                            /** @description Send as X-CSRF-Token on every state-changing request. */
                            csrf_token: string;
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            };
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who am I
         * @description Requires the `session:self` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Cookie sessions only: send as X-CSRF-Token on every state-changing request (what a reloaded page needs). */
                            csrf_token?: string;
                            session: {
                                /** Format: date-time */
                                created_at: string;
                                /**
                                 * Format: date-time
                                 * @description When the session ends unless used again.
                                 */
                                expires_at: string;
                                id: string;
                                mode: "token" | "cookie";
                            };
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which ways of signing in this server offers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Off unless SMTP_URL and PUBLIC_URL are set. */
                            magic_link: boolean;
                            /** @description Single sign-on, when configured. */
                            oidc: {
                                name: string;
                                start_url: string;
                            } | null;
                            passkeys: boolean;
                            password: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Single sign-on: where the identity provider sends the browser back */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Redirect (Location header) */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Redirect (Location header) */
                303: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Single sign-on: finish signing in (plus a code for 2FA accounts); needs the flow cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        device_name?: string;
                        mode?: "token" | "cookie";
                        recovery_code?: string;
                        totp_code?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            /** @description Seconds until the access token expires. */
                            expires_in: number;
                            refresh_token: string;
                            session_id: string;
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            };
                        } | {
                            /** @description Send as X-CSRF-Token on every state-changing request. */
                            csrf_token: string;
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            };
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My linked provider identities
         * @description Requires the `session:self` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            identities: {
                                /** Format: date-time */
                                created_at: string;
                                email: string | null;
                                id: string;
                                issuer: string;
                                last_login_at: string | null;
                                subject: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/identities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Unlink one of my provider identities (sudo mode)
         * @description Requires the `session:self` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Unlinked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Link my account to my identity at the provider (sudo mode)
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send the browser here; it comes back to /auth/oidc#linked. */
                            authorization_url: string;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Single sign-on: go to the identity provider */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Redirect (Location header) */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Redirect (Location header) */
                303: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My passkeys
         * @description Requires the `session:self` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            passkeys: {
                                /** Format: date-time */
                                created_at: string;
                                id: string;
                                last_used_at: string | null;
                                name: string;
                                transports: string | null;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/passkeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a passkey (sudo)
         * @description Requires the `session:self` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a passkey
         * @description Requires the `session:self` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/auth/passkeys/login/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a passkey sign-in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            challenge_id: string;
                            options: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/passkeys/login/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish a passkey sign-in (counts as multi-factor) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        challenge_id: string;
                        device_name?: string;
                        mode?: "token" | "cookie";
                        response: {
                            clientExtensionResults: {
                                [key: string]: unknown;
                            };
                            id: string;
                            rawId: string;
                            response: {
                                clientDataJSON: string;
                            } & {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            type: "public-key";
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            /** @description Seconds until the access token expires. */
                            expires_in: number;
                            refresh_token: string;
                            session_id: string;
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            };
                        } | {
                            /** @description Send as X-CSRF-Token on every state-changing request. */
                            csrf_token: string;
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            };
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/passkeys/register/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start adding a passkey (sudo)
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            challenge_id: string;
                            options: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/passkeys/register/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish adding a passkey (sudo)
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        challenge_id: string;
                        name?: string;
                        response: {
                            clientExtensionResults: {
                                [key: string]: unknown;
                            };
                            id: string;
                            rawId: string;
                            response: {
                                clientDataJSON: string;
                            } & {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            type: "public-key";
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            passkey: {
                                created_at: string;
                                id: string;
                                name: string;
                            };
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change my password (ends my other sessions by default)
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        current_password: string;
                        new_password: string;
                        /**
                         * @description End every other session (default true).
                         * @default true
                         */
                        revoke_other_sessions?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            other_sessions_ended: number;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/qr/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** New device: poll; receives its own session once approved (410 afterwards) */
        get: {
            parameters: {
                query?: {
                    mode?: "token" | "cookie";
                };
                header: {
                    "x-poll-token": string;
                    "x-recovery-code"?: string;
                    "x-totp-code"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "pending";
                        } | {
                            access_token: string;
                            /** @description Seconds until the access token expires. */
                            expires_in: number;
                            refresh_token: string;
                            session_id: string;
                            /** @enum {string} */
                            status: "approved";
                            /** @enum {string} */
                            token_type: "Bearer";
                        } | {
                            /** @description Send as X-CSRF-Token on every state-changing request. */
                            csrf_token: string;
                            /** @enum {string} */
                            status: "approved";
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                disabled: boolean;
                                email: string | null;
                                id: string;
                                role: "viewer" | "operator" | "editor" | "admin";
                                username: string;
                            };
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/qr/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approver: let the new device in (sudo mode and the user code)
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        user_code: string;
                    };
                };
            };
            responses: {
                /** @description Approved */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/qr/{id}/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Approver: which device and address is asking
         * @description Requires the `session:self` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approved: boolean;
                            /** Format: date-time */
                            created_at: string;
                            device_name: string | null;
                            /** Format: date-time */
                            expires_at: string;
                            ip: string | null;
                            user_agent: string | null;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/qr/init": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New device: start a QR sign-in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        device_name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description What the QR code holds. It grants nothing by itself. */
                            approve_url: string;
                            expires_in: number;
                            /** @description Only the new device knows it; send it as X-Poll-Token when polling. */
                            poll_token: string;
                            qr_id: string;
                            /** @description Shown on the new device; the approver types or confirms it. */
                            user_code: string;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/reauth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the password, a TOTP code or a passkey to enter sudo mode for sensitive actions
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    } | {
                        totp_code: string;
                    } | {
                        /** @description From POST /api/auth/reauth/passkey-options and navigator.credentials.get(). */
                        passkey: {
                            challenge_id: string;
                            response: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Sudo mode renewed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/reauth/passkey-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Options for re-authenticating with one of my passkeys
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            challenge_id: string;
                            options: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for a new pair (the old one dies) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refresh_token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            /** @description Seconds until the access token expires. */
                            expires_in: number;
                            refresh_token: string;
                            session_id: string;
                            /** @enum {string} */
                            token_type: "Bearer";
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My signed-in devices
         * @description Requires the `session:self` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sessions: {
                                /** Format: date-time */
                                created_at: string;
                                created_ip: string | null;
                                /** @description The session making this request. */
                                current: boolean;
                                device_name: string | null;
                                /** Format: date-time */
                                expires_at: string;
                                id: string;
                                /** Format: date-time */
                                last_seen_at: string;
                                last_seen_ip: string | null;
                                mode: "token" | "cookie";
                                user_agent: string | null;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Sign out one of my devices
         * @description Requires the `session:self` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sessions/revoke-others": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out every other device
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            revoked: number;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Is 2FA on, and how many recovery codes are left
         * @description Requires the `session:self` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            recovery_codes_remaining: number;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn 2FA off (password and a code)
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code?: string;
                        password: string;
                        recovery_code?: string;
                    };
                };
            };
            responses: {
                /** @description Off */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn 2FA on with a code from the app; returns recovery codes once
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Shown once; store them safely. */
                            recovery_codes: string[];
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace all recovery codes; the old ones stop working
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Shown once; store them safely. */
                            recovery_codes: string[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start 2FA: a new secret and its QR code
         * @description Requires the `session:self` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            otpauth_uri: string;
                            /** @description The otpauth URI as an SVG QR code. */
                            qr_svg: string;
                            /** @description Base32, for typing into an authenticator by hand. */
                            secret: string;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/engines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The engines (dubbing and generation): which, whether they answer, their models and voices (admins also see URLs and whether a key is set)
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asr: {
                                /** @description Whether the engine answered a health probe in the last few seconds. */
                                answers: boolean;
                                /** @description Admins only: whether a key is configured (the key itself is never shown). */
                                api_key_set?: boolean;
                                default_voice?: string;
                                /** @description Admins only: why the engine does not answer, or what it said. */
                                detail?: string;
                                /** @description The configured engine, or null when this kind has none. */
                                engine: string | null;
                                languages?: {
                                    code: string;
                                    name?: string;
                                }[];
                                models: string[];
                                /** @description Admins only. */
                                url?: string;
                                voices?: {
                                    id: string;
                                    name?: string;
                                }[];
                            };
                            generate: {
                                /** @description Whether the engine answered a health probe in the last few seconds. */
                                answers: boolean;
                                /** @description Admins only: whether a key is configured (the key itself is never shown). */
                                api_key_set?: boolean;
                                default_voice?: string;
                                /** @description Admins only: why the engine does not answer, or what it said. */
                                detail?: string;
                                /** @description The configured engine, or null when this kind has none. */
                                engine: string | null;
                                languages?: {
                                    code: string;
                                    name?: string;
                                }[];
                                models: string[];
                                /** @description Admins only. */
                                url?: string;
                                voices?: {
                                    id: string;
                                    name?: string;
                                }[];
                            };
                            translate: {
                                /** @description Whether the engine answered a health probe in the last few seconds. */
                                answers: boolean;
                                /** @description Admins only: whether a key is configured (the key itself is never shown). */
                                api_key_set?: boolean;
                                default_voice?: string;
                                /** @description Admins only: why the engine does not answer, or what it said. */
                                detail?: string;
                                /** @description The configured engine, or null when this kind has none. */
                                engine: string | null;
                                languages?: {
                                    code: string;
                                    name?: string;
                                }[];
                                models: string[];
                                /** @description Admins only. */
                                url?: string;
                                voices?: {
                                    id: string;
                                    name?: string;
                                }[];
                            };
                            tts: {
                                /** @description Whether the engine answered a health probe in the last few seconds. */
                                answers: boolean;
                                /** @description Admins only: whether a key is configured (the key itself is never shown). */
                                api_key_set?: boolean;
                                default_voice?: string;
                                /** @description Admins only: why the engine does not answer, or what it said. */
                                detail?: string;
                                /** @description The configured engine, or null when this kind has none. */
                                engine: string | null;
                                languages?: {
                                    code: string;
                                    name?: string;
                                }[];
                                models: string[];
                                /** @description Admins only. */
                                url?: string;
                                voices?: {
                                    id: string;
                                    name?: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server file picker: media under the allowed directories
         * @description Requires the `jobs:submit` permission.
         */
        get: {
            parameters: {
                query?: {
                    dir?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The real path listed; null for the list of roots. */
                            dir: string | null;
                            entries: {
                                kind?: string;
                                name: string;
                                size?: number;
                                type: "dir" | "file";
                            }[];
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Use a picked server file as an upload: copied in and validated like one (GET /api/uploads/:id tells the verdict)
         * @description Requires the `jobs:submit` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        path: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            filename: string;
                            id: string;
                            kind: string;
                            /** @description What validation found: duration, size, streams. */
                            media?: {
                                [key: string]: unknown;
                            };
                            /** @description A stable code, when rejected. */
                            reason?: string;
                            /** @description Of the whole file as kept, once accepted. */
                            sha256?: string;
                            size: number;
                            status: "receiving" | "validating" | "accepted" | "rejected";
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gallery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public gallery, newest first; signed in, your own private items too */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                created_at: string;
                                /** @description The name its owner chose to show; null: none. */
                                display_name: string | null;
                                file_url: string;
                                format: string;
                                height: number | null;
                                id: string;
                                kind: "image" | "video";
                                mine?: {
                                    hidden: boolean;
                                    project_id: string;
                                    visibility: "private" | "public";
                                };
                                width: number | null;
                            }[];
                            next_cursor?: string;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gallery/items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One gallery item */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            /** @description The name its owner chose to show; null: none. */
                            display_name: string | null;
                            file_url: string;
                            format: string;
                            height: number | null;
                            id: string;
                            kind: "image" | "video";
                            mine?: {
                                hidden: boolean;
                                project_id: string;
                                visibility: "private" | "public";
                            };
                            width: number | null;
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gallery/items/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A gallery item's file (Range requests supported) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gallery/items/{id}/hide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Admins: hide an item from everyone but its owner (its share links stop working)
         * @description Requires the `gallery:moderate` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        hidden: boolean;
                    };
                };
            };
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gallery/items/{id}/shares": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An output's share links (never their tokens)
         * @description Requires the `projects:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            shares: {
                                active: boolean;
                                created_at: string;
                                expires_at: string | null;
                                id: string;
                                revoked_at: string | null;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * A new unlisted share link (its token is shown once)
         * @description Requires the `projects:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Default 30. */
                        expires_in_days?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            created_at: string;
                            expires_at: string | null;
                            id: string;
                            revoked_at: string | null;
                        } & {
                            /** @description The web app's page for the link, /s/<token>. */
                            path: string;
                            token: string;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gallery/items/{id}/visibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Publish an output of yours, or make it private again
         * @description Requires the `projects:manage` permission.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        visibility: "private" | "public";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            /** @description The name its owner chose to show; null: none. */
                            display_name: string | null;
                            file_url: string;
                            format: string;
                            height: number | null;
                            id: string;
                            kind: "image" | "video";
                            mine?: {
                                hidden: boolean;
                                project_id: string;
                                visibility: "private" | "public";
                            };
                            width: number | null;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gallery/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The name shown on what you publish
         * @description Requires the `projects:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            display_name: string | null;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        /**
         * Choose the name shown on what you publish (null: none)
         * @description Requires the `projects:manage` permission.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        display_name: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            display_name: string | null;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gallery/shares/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a share link
         * @description Requires the `projects:manage` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/generation/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The workflow templates a generation can use, and the longest prompt it takes
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description GENERATE_PROMPT_MAX. */
                            prompt_max: number;
                            templates: {
                                builtin: boolean;
                                defaults: {
                                    frames?: number;
                                    height?: number;
                                    steps?: number;
                                    width?: number;
                                };
                                name: string;
                                output: "image" | "video";
                                /** @description What a generation may set with it: prompt, negative_prompt, seed, width, height, steps, frames, reference. */
                                params: string[];
                                title: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Admins: install (or replace) a template: an API-format graph with its parameter map, checked against the engine's /object_info
         * @description Requires the `settings:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        defaults: {
                            frames?: number;
                            height?: number;
                            steps?: number;
                            width?: number;
                        };
                        graph: {
                            [key: string]: {
                                _meta?: {
                                    title?: string;
                                };
                                class_type: string;
                                inputs: {
                                    [key: string]: unknown;
                                };
                            };
                        };
                        /** @description Chosen by the admin; what people pass as `template`. */
                        name: string;
                        output: "image" | "video";
                        params: {
                            frames?: {
                                input: string;
                                node: string;
                            };
                            height?: {
                                input: string;
                                node: string;
                            };
                            negative_prompt?: {
                                input: string;
                                node: string;
                            };
                            prompt: {
                                input: string;
                                node: string;
                            };
                            reference?: {
                                input: string;
                                node: string;
                            };
                            seed?: {
                                input: string;
                                node: string;
                            };
                            steps?: {
                                input: string;
                                node: string;
                            };
                            width?: {
                                input: string;
                                node: string;
                            };
                        };
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            builtin: boolean;
                            defaults: {
                                frames?: number;
                                height?: number;
                                steps?: number;
                                width?: number;
                            };
                            name: string;
                            output: "image" | "video";
                            /** @description What a generation may set with it: prompt, negative_prompt, seed, width, height, steps, frames, reference. */
                            params: string[];
                            title: string;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/generation/templates/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Admins: remove an installed template
         * @description Requires the `settings:manage` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your jobs, newest first (cursor pagination)
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    archived?: boolean;
                    cursor?: string;
                    limit?: number;
                    status?: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                    tag?: string;
                    text?: string;
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobs: {
                                archived: boolean;
                                attempts: number;
                                cancel_requested: boolean;
                                created_at: string;
                                failure?: {
                                    code: string;
                                    message: string;
                                };
                                finished_at: string | null;
                                id: string;
                                options: unknown;
                                /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                                privacy_mode: "off" | "balanced" | "minimal";
                                progress: number;
                                /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                                render: number;
                                stages: {
                                    name: string;
                                    /** @description skipped: an import made it unnecessary. */
                                    status: "pending" | "running" | "done" | "skipped";
                                }[];
                                started_at: string | null;
                                status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                                tags: string[];
                                title: string;
                                type: string;
                            }[];
                            next_cursor?: string;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Submit a job (honours Idempotency-Key: the same key and body give the same job; a different body 422)
         * @description Requires the `jobs:submit` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Checked against the type's own schema. */
                        options: {
                            [key: string]: unknown;
                        };
                        /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                        privacy_mode?: "off" | "balanced" | "minimal";
                        tags?: string[];
                        /** @description dub, generate (and selftest on test servers). */
                        type: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            attempts: number;
                            cancel_requested: boolean;
                            created_at: string;
                            failure?: {
                                code: string;
                                message: string;
                            };
                            finished_at: string | null;
                            id: string;
                            options: unknown;
                            /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                            privacy_mode: "off" | "balanced" | "minimal";
                            progress: number;
                            /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                            render: number;
                            stages: {
                                name: string;
                                /** @description skipped: an import made it unnecessary. */
                                status: "pending" | "running" | "done" | "skipped";
                            }[];
                            started_at: string | null;
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            tags: string[];
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            attempts: number;
                            cancel_requested: boolean;
                            created_at: string;
                            failure?: {
                                code: string;
                                message: string;
                            };
                            finished_at: string | null;
                            id: string;
                            options: unknown;
                            /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                            privacy_mode: "off" | "balanced" | "minimal";
                            progress: number;
                            /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                            render: number;
                            stages: {
                                name: string;
                                /** @description skipped: an import made it unnecessary. */
                                status: "pending" | "running" | "done" | "skipped";
                            }[];
                            started_at: string | null;
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            tags: string[];
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One job
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            attempts: number;
                            cancel_requested: boolean;
                            created_at: string;
                            failure?: {
                                code: string;
                                message: string;
                            };
                            finished_at: string | null;
                            id: string;
                            options: unknown;
                            /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                            privacy_mode: "off" | "balanced" | "minimal";
                            progress: number;
                            /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                            render: number;
                            stages: {
                                name: string;
                                /** @description skipped: an import made it unnecessary. */
                                status: "pending" | "running" | "done" | "skipped";
                            }[];
                            started_at: string | null;
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            tags: string[];
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Move a finished job to the trash (restorable for TRASH_DAYS)
         * @description Requires the `jobs:submit` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            attempts: number;
                            cancel_requested: boolean;
                            created_at: string;
                            failure?: {
                                code: string;
                                message: string;
                            };
                            finished_at: string | null;
                            id: string;
                            options: unknown;
                            /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                            privacy_mode: "off" | "balanced" | "minimal";
                            progress: number;
                            /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                            render: number;
                            stages: {
                                name: string;
                                /** @description skipped: an import made it unnecessary. */
                                status: "pending" | "running" | "done" | "skipped";
                            }[];
                            started_at: string | null;
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            tags: string[];
                            title: string;
                            type: string;
                        } & {
                            /** @description When the trash deletes it for good (TRASH_DAYS after trashed_at). */
                            deletes_at: string | null;
                            notes: string | null;
                            /** @description In the trash since; null when not in it. */
                            trashed_at: string | null;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Describe a job of yours: title, notes, tags
         * @description Requires the `jobs:submit` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        notes?: string | null;
                        tags?: string[];
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            attempts: number;
                            cancel_requested: boolean;
                            created_at: string;
                            failure?: {
                                code: string;
                                message: string;
                            };
                            finished_at: string | null;
                            id: string;
                            options: unknown;
                            /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                            privacy_mode: "off" | "balanced" | "minimal";
                            progress: number;
                            /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                            render: number;
                            stages: {
                                name: string;
                                /** @description skipped: an import made it unnecessary. */
                                status: "pending" | "running" | "done" | "skipped";
                            }[];
                            started_at: string | null;
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            tags: string[];
                            title: string;
                            type: string;
                        } & {
                            /** @description When the trash deletes it for good (TRASH_DAYS after trashed_at). */
                            deletes_at: string | null;
                            notes: string | null;
                            /** @description In the trash since; null when not in it. */
                            trashed_at: string | null;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/jobs/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put a job away (hidden from the default view)
         * @description Requires the `jobs:submit` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            attempts: number;
                            cancel_requested: boolean;
                            created_at: string;
                            failure?: {
                                code: string;
                                message: string;
                            };
                            finished_at: string | null;
                            id: string;
                            options: unknown;
                            /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                            privacy_mode: "off" | "balanced" | "minimal";
                            progress: number;
                            /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                            render: number;
                            stages: {
                                name: string;
                                /** @description skipped: an import made it unnecessary. */
                                status: "pending" | "running" | "done" | "skipped";
                            }[];
                            started_at: string | null;
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            tags: string[];
                            title: string;
                            type: string;
                        } & {
                            /** @description When the trash deletes it for good (TRASH_DAYS after trashed_at). */
                            deletes_at: string | null;
                            notes: string | null;
                            /** @description In the trash since; null when not in it. */
                            trashed_at: string | null;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the job produced
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            artifacts: {
                                created_at: string;
                                name: string;
                                sha256: string;
                                size: number;
                                stage: number;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/artifacts/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One artifact (Range requests supported)
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a job (idempotent)
         * @description Requires the `jobs:submit` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            attempts: number;
                            cancel_requested: boolean;
                            created_at: string;
                            failure?: {
                                code: string;
                                message: string;
                            };
                            finished_at: string | null;
                            id: string;
                            options: unknown;
                            /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                            privacy_mode: "off" | "balanced" | "minimal";
                            progress: number;
                            /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                            render: number;
                            stages: {
                                name: string;
                                /** @description skipped: an import made it unnecessary. */
                                status: "pending" | "running" | "done" | "skipped";
                            }[];
                            started_at: string | null;
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            tags: string[];
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live job events as Server-Sent Events (resumable with Last-Event-ID)
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    last_event_id?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/event-stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/generation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The project version a generate job made
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            project_id: string;
                            version: {
                                created_at: string;
                                id: string;
                                job_id: string;
                                negative_prompt: string | null;
                                /** @description 1, 2, … within the project. */
                                number: number;
                                outputs: {
                                    bytes: number;
                                    format: string;
                                    height: number | null;
                                    /** @description An admin hid it from the gallery. */
                                    hidden: boolean;
                                    id: string;
                                    kind: "image" | "video";
                                    /** @description The job's artifact name, e.g. output-1.png. */
                                    name: string;
                                    /** @description The owner's download. */
                                    url: string;
                                    visibility: "private" | "public";
                                    width: number | null;
                                }[];
                                /** @description template, output, width, height, steps, frames, reference_upload_id as asked. */
                                params: {
                                    [key: string]: unknown;
                                };
                                /** @description The version this one was generated from (a branch when it is not the newest before it). */
                                parent_id: string | null;
                                prompt: string;
                                /** @description The seed used (chosen at random when none was asked). */
                                seed: number;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/hls/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One file of the dub's HLS package (Range on media); opened by a signed URL, a playlist names its files by signed URLs that expire with it
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description A file of the HLS package: hls.m3u8 (master) or hls-*.m3u8|ts|vtt. */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The job's log (structured, redacted), a page at a time
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                at: string;
                                fields?: unknown;
                                id: number;
                                level: string;
                                msg: string;
                            }[];
                            /** @description Pass as `after` to read on. */
                            next_after: number;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/permanently": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a job for good: every file crypto-shredded where encrypted (ENABLE_HARD_DELETE; owner or admin)
         * @description Requires the `jobs:submit` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Until when copies can survive in backups, in words. */
                            backups: string;
                            /** @description Of those, encrypted: erased with their keys. */
                            encrypted: number;
                            /** @description Stored files deleted. */
                            files: number;
                            jobs: number;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/playback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What to play, best first for this browser, with signed URLs for players and links for VLC
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Opens the first source in VLC for Android, or in the browser when VLC is not installed. */
                            android_intent_url: string;
                            /**
                             * Format: date-time
                             * @description When every URL here stops working: twice the video's length (4 hours when unknown), at least 1 hour, at most 24.
                             */
                            expires_at: string;
                            job_id: string;
                            /** @description The job's page: the link to share (it carries no credential). */
                            page_url: string;
                            /** @description Changes exactly when the files played change (a re-render): a player keeps playing while it stays the same, though the signed URLs are new on every reply. */
                            revision: string;
                            /** @description Best first for the caller's browser (HLS first for Safari on iOS, MP4 first elsewhere); a player falls back to the next. */
                            sources: {
                                /** @description hls: the HLS master playlist (every audio track and the subtitles); mp4: the video for phones; master: dubbed.mp4, the full-quality file. */
                                kind: "hls" | "mp4" | "master";
                                /** @description The artifact, e.g. hls.m3u8, mobile.mp4, dubbed.mp4. */
                                name: string;
                                /** @description Its media type. */
                                type: string;
                                /** @description A signed URL: opens without a cookie or header (players, VLC), until expires_at, and dies with this session or key. */
                                url: string;
                            }[];
                            subtitles: {
                                /** @description BCP 47, e.g. en or pt-BR. */
                                language: string;
                                name: string;
                                /** @description A signed URL: opens without a cookie or header (players, VLC), until expires_at, and dies with this session or key. */
                                url: string;
                            }[];
                            /** @description Opens the first source in VLC (iOS, desktop). */
                            vlc_url: string;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The latest preview frame of a running generation, where the engine sends them (a `preview` event names each new one)
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    seq?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description image/jpeg, image/png or image/webp */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/qa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The QA report of the dub's current render: every finding points to its line (docs/qa.md)
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A dub's QA report (qa.json). */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            overall: {
                                counts: {
                                    clip_missing?: number;
                                    clipping?: number;
                                    drift?: number;
                                    length_ratio?: number;
                                    loudness_off_target?: number;
                                    overflow?: number;
                                    overflow_long?: number;
                                    silent?: number;
                                    tempo_capped?: number;
                                    tempo_high?: number;
                                    too_short?: number;
                                    true_peak?: number;
                                    untranslated?: number;
                                };
                                /** @description Largest start or end difference between the dub's audio and the video, ms. */
                                drift_ms: number;
                                failures: number;
                                /** @description Findings about the whole programme (segment null). */
                                findings: {
                                    /**
                                     * @description A check's code (docs/qa.md).
                                     * @enum {unknown}
                                     */
                                    code: "tempo_high" | "tempo_capped" | "overflow" | "overflow_long" | "clipping" | "silent" | "too_short" | "clip_missing" | "untranslated" | "length_ratio" | "drift" | "true_peak" | "loudness_off_target";
                                    message: string;
                                    /** @description The segment id; null for a finding about the whole programme. */
                                    segment: string | null;
                                    severity: "failure" | "warning";
                                    threshold: number | null;
                                    value: number | null;
                                }[];
                                integrated_lufs: number | null;
                                loudness_range_lu: number | null;
                                max_tempo: number | null;
                                target_lufs: number | null;
                                /** @description The dub's tempo limit. */
                                tempo_cap: number;
                                true_peak_dbtp: number | null;
                                warnings: number;
                            };
                            segments: {
                                clip_ms: number | null;
                                clipping: boolean;
                                end_ms: number;
                                findings: {
                                    /**
                                     * @description A check's code (docs/qa.md).
                                     * @enum {unknown}
                                     */
                                    code: "tempo_high" | "tempo_capped" | "overflow" | "overflow_long" | "clipping" | "silent" | "too_short" | "clip_missing" | "untranslated" | "length_ratio" | "drift" | "true_peak" | "loudness_off_target";
                                    message: string;
                                    /** @description The segment id; null for a finding about the whole programme. */
                                    segment: string | null;
                                    severity: "failure" | "warning";
                                    threshold: number | null;
                                    value: number | null;
                                }[];
                                flat_factor: number | null;
                                id: string;
                                length_ratio: number | null;
                                overflow_ms: number | null;
                                peak_count: number | null;
                                peak_db: number | null;
                                rms_db: number | null;
                                silent: boolean;
                                start_ms: number;
                                tempo: number | null;
                                too_short: boolean;
                                untranslated: boolean;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/qrcode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An SVG QR code of the job's page (its address only, no credential)
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description image/svg+xml */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/renders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A dub's current render and the earlier ones kept
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The render the job's artifacts are from (or are being made for). */
                            current: number;
                            /** @description Earlier renders kept, newest first. */
                            versions: {
                                artifacts: {
                                    name: string;
                                    sha256: string;
                                    size: number;
                                    stage: number;
                                }[];
                                finished_at: string;
                                render: number;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/renders/{render}/artifacts/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One file of an earlier render (Range requests supported)
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    name: string;
                    render: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/rerender": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Render the dub again: only lines whose clip depends on something changed are spoken again; locked lines keep theirs
         * @description Requires the `review:edit` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The voice of lines without one; null: the server's default. */
                        voice?: string | null;
                        /** @description A voice per speaker, replacing the dub's. */
                        voices?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            attempts: number;
                            cancel_requested: boolean;
                            created_at: string;
                            failure?: {
                                code: string;
                                message: string;
                            };
                            finished_at: string | null;
                            id: string;
                            options: unknown;
                            /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                            privacy_mode: "off" | "balanced" | "minimal";
                            progress: number;
                            /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                            render: number;
                            stages: {
                                name: string;
                                /** @description skipped: an import made it unnecessary. */
                                status: "pending" | "running" | "done" | "skipped";
                            }[];
                            started_at: string | null;
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            tags: string[];
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a job back out of the trash
         * @description Requires the `jobs:submit` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            attempts: number;
                            cancel_requested: boolean;
                            created_at: string;
                            failure?: {
                                code: string;
                                message: string;
                            };
                            finished_at: string | null;
                            id: string;
                            options: unknown;
                            /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                            privacy_mode: "off" | "balanced" | "minimal";
                            progress: number;
                            /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                            render: number;
                            stages: {
                                name: string;
                                /** @description skipped: an import made it unnecessary. */
                                status: "pending" | "running" | "done" | "skipped";
                            }[];
                            started_at: string | null;
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            tags: string[];
                            title: string;
                            type: string;
                        } & {
                            /** @description When the trash deletes it for good (TRASH_DAYS after trashed_at). */
                            deletes_at: string | null;
                            notes: string | null;
                            /** @description In the trash since; null when not in it. */
                            trashed_at: string | null;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A dub's lines, a page at a time, each with its ETag
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A segment id, e.g. s0001. */
                    after?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Whether the caller may edit the lines now: their role (and API key) allow it, and no render is running. */
                            editable: boolean;
                            /** @description Pass as `after` for the next page. */
                            next_after?: string;
                            /** @description The render these segments belong to. */
                            render: number;
                            segments: {
                                clip: {
                                    duration_ms: number;
                                    sha256: string;
                                } | null;
                                end_ms: number;
                                /** @description Send it back as If-Match to edit this line. */
                                etag: string;
                                /** @description Of what the clip depends on (text, voice, timing, engine). */
                                hash: string | null;
                                id: string;
                                /** @description A locked line keeps its clip through every re-render. */
                                locked: boolean;
                                overflow_ms: number | null;
                                source_text: string | null;
                                speaker: string | null;
                                start_ms: number;
                                target_text: string | null;
                                tempo: number | null;
                                /** @description Null: the speaker's voice, else the dub's. */
                                voice: string | null;
                                warnings: string[];
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/segments/{sid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit one line (If-Match: its ETag; a stale one gets 412)
         * @description Requires the `review:edit` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    "if-match"?: string;
                };
                path: {
                    id: string;
                    /** @description A segment id, e.g. s0001. */
                    sid: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        end_ms?: number;
                        locked?: boolean;
                        speaker?: string | null;
                        start_ms?: number;
                        target_text?: string | null;
                        voice?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clip: {
                                duration_ms: number;
                                sha256: string;
                            } | null;
                            end_ms: number;
                            /** @description Send it back as If-Match to edit this line. */
                            etag: string;
                            /** @description Of what the clip depends on (text, voice, timing, engine). */
                            hash: string | null;
                            id: string;
                            /** @description A locked line keeps its clip through every re-render. */
                            locked: boolean;
                            overflow_ms: number | null;
                            source_text: string | null;
                            speaker: string | null;
                            start_ms: number;
                            target_text: string | null;
                            tempo: number | null;
                            /** @description Null: the speaker's voice, else the dub's. */
                            voice: string | null;
                            warnings: string[];
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                428: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/jobs/{id}/segments/{sid}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hear one line before re-rendering: queues a preview job that speaks and fits it; poll the job, then fetch `audio_path`
         * @description Requires the `review:edit` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description A segment id, e.g. s0001. */
                    sid: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Text to hear before saving it; absent: the line's saved text. */
                        target_text?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where `preview.wav` will be once the job succeeds (GET with Range, or mint a signed URL for it). */
                            audio_path: string;
                            job: {
                                archived: boolean;
                                attempts: number;
                                cancel_requested: boolean;
                                created_at: string;
                                failure?: {
                                    code: string;
                                    message: string;
                                };
                                finished_at: string | null;
                                id: string;
                                options: unknown;
                                /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                                privacy_mode: "off" | "balanced" | "minimal";
                                progress: number;
                                /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                                render: number;
                                stages: {
                                    name: string;
                                    /** @description skipped: an import made it unnecessary. */
                                    status: "pending" | "running" | "done" | "skipped";
                                }[];
                                started_at: string | null;
                                status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                                tags: string[];
                                title: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/unarchive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bring an archived job back
         * @description Requires the `jobs:submit` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            attempts: number;
                            cancel_requested: boolean;
                            created_at: string;
                            failure?: {
                                code: string;
                                message: string;
                            };
                            finished_at: string | null;
                            id: string;
                            options: unknown;
                            /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                            privacy_mode: "off" | "balanced" | "minimal";
                            progress: number;
                            /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                            render: number;
                            stages: {
                                name: string;
                                /** @description skipped: an import made it unnecessary. */
                                status: "pending" | "running" | "done" | "skipped";
                            }[];
                            started_at: string | null;
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            tags: string[];
                            title: string;
                            type: string;
                        } & {
                            /** @description When the trash deletes it for good (TRASH_DAYS after trashed_at). */
                            deletes_at: string | null;
                            notes: string | null;
                            /** @description In the trash since; null when not in it. */
                            trashed_at: string | null;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit up to 100 jobs, all or none
         * @description Requires the `jobs:submit` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        jobs: {
                            /** @description Checked against the type's own schema. */
                            options: {
                                [key: string]: unknown;
                            };
                            /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                            privacy_mode?: "off" | "balanced" | "minimal";
                            tags?: string[];
                            /** @description dub, generate (and selftest on test servers). */
                            type: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobs: {
                                archived: boolean;
                                attempts: number;
                                cancel_requested: boolean;
                                created_at: string;
                                failure?: {
                                    code: string;
                                    message: string;
                                };
                                finished_at: string | null;
                                id: string;
                                options: unknown;
                                /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                                privacy_mode: "off" | "balanced" | "minimal";
                                progress: number;
                                /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                                render: number;
                                stages: {
                                    name: string;
                                    /** @description skipped: an import made it unnecessary. */
                                    status: "pending" | "running" | "done" | "skipped";
                                }[];
                                started_at: string | null;
                                status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                                tags: string[];
                                title: string;
                                type: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My live API keys (never their secrets)
         * @description Requires the `keys:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: {
                                allowed_cidrs: string[] | null;
                                /** Format: date-time */
                                created_at: string;
                                /** Format: date-time */
                                expires_at: string;
                                id: string;
                                last_used_at: string | null;
                                last_used_ip: string | null;
                                name: string;
                                /** @description sk_<id>: how the key shows up in logs and lists. */
                                prefix: string;
                                require_signature: boolean;
                                scopes: string[];
                                user_id: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key (sudo mode for a session; a key may create only narrower keys). The key is shown once.
         * @description Requires the `keys:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allowed_cidrs?: string[];
                        expires_in_days?: number;
                        name: string;
                        require_signature?: boolean;
                        scopes: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed_cidrs: string[] | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            expires_at: string;
                            id: string;
                            /** @description The whole key, shown this once. */
                            key: string;
                            last_used_at: string | null;
                            last_used_ip: string | null;
                            name: string;
                            /** @description sk_<id>: how the key shows up in logs and lists. */
                            prefix: string;
                            require_signature: boolean;
                            scopes: string[];
                            user_id: string;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a key (admins: anyone's)
         * @description Requires the `keys:manage` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys/scopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every scope a key can carry
         * @description Requires the `keys:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            scopes: {
                                doc: string;
                                min_role: string;
                                scope: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/library": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your dubs and generations: search, filters, archived or trash (newest first, cursor pagination)
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description Words found in the title, notes or tags (each word, or the start of one). */
                    q?: string;
                    status?: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                    tag?: string;
                    type?: string;
                    /** @description active (the default), archived, or the trash. */
                    view?: "active" | "archived" | "trash";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Whether deleting for good, and emptying the trash early, is turned on (ENABLE_HARD_DELETE). */
                            hard_delete: boolean;
                            items: ({
                                archived: boolean;
                                attempts: number;
                                cancel_requested: boolean;
                                created_at: string;
                                failure?: {
                                    code: string;
                                    message: string;
                                };
                                finished_at: string | null;
                                id: string;
                                options: unknown;
                                /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                                privacy_mode: "off" | "balanced" | "minimal";
                                progress: number;
                                /** @description Which render the outputs are from: 1, then one more per re-render of a dub. */
                                render: number;
                                stages: {
                                    name: string;
                                    /** @description skipped: an import made it unnecessary. */
                                    status: "pending" | "running" | "done" | "skipped";
                                }[];
                                started_at: string | null;
                                status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                                tags: string[];
                                title: string;
                                type: string;
                            } & {
                                /** @description When the trash deletes it for good (TRASH_DAYS after trashed_at). */
                                deletes_at: string | null;
                                notes: string | null;
                                /** @description In the trash since; null when not in it. */
                                trashed_at: string | null;
                            })[];
                            next_cursor?: string;
                            /** @description Days an item stays in the trash before it is deleted for good (TRASH_DAYS). */
                            trash_days: number;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/library/trash/empty": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete everything in your trash for good now (ENABLE_HARD_DELETE)
         * @description Requires the `jobs:submit` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Until when copies can survive in backups, in words. */
                            backups: string;
                            /** @description Of those, encrypted: erased with their keys. */
                            encrypted: number;
                            /** @description Stored files deleted. */
                            files: number;
                            jobs: number;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your projects, most recently changed first (cursor pagination)
         * @description Requires the `projects:manage` permission.
         */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            next_cursor?: string;
                            projects: {
                                created_at: string;
                                /** @description The version shown first and generated from by default: the newest, or the one restored. */
                                head_version_id: string | null;
                                id: string;
                                name: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a project
         * @description Requires the `projects:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Trimmed; runs of spaces and line breaks become one space. */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            /** @description The version shown first and generated from by default: the newest, or the one restored. */
                            head_version_id: string | null;
                            id: string;
                            name: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One project with its version history
         * @description Requires the `projects:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            /** @description The version shown first and generated from by default: the newest, or the one restored. */
                            head_version_id: string | null;
                            id: string;
                            name: string;
                            updated_at: string;
                        } & {
                            versions: {
                                created_at: string;
                                id: string;
                                job_id: string;
                                negative_prompt: string | null;
                                /** @description 1, 2, … within the project. */
                                number: number;
                                outputs: {
                                    bytes: number;
                                    format: string;
                                    height: number | null;
                                    /** @description An admin hid it from the gallery. */
                                    hidden: boolean;
                                    id: string;
                                    kind: "image" | "video";
                                    /** @description The job's artifact name, e.g. output-1.png. */
                                    name: string;
                                    /** @description The owner's download. */
                                    url: string;
                                    visibility: "private" | "public";
                                    width: number | null;
                                }[];
                                /** @description template, output, width, height, steps, frames, reference_upload_id as asked. */
                                params: {
                                    [key: string]: unknown;
                                };
                                /** @description The version this one was generated from (a branch when it is not the newest before it). */
                                parent_id: string | null;
                                prompt: string;
                                /** @description The seed used (chosen at random when none was asked). */
                                seed: number;
                            }[];
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a project and its versions (their files go with the next clean-up)
         * @description Requires the `projects:manage` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a project
         * @description Requires the `projects:manage` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Trimmed; runs of spaces and line breaks become one space. */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            /** @description The version shown first and generated from by default: the newest, or the one restored. */
                            head_version_id: string | null;
                            id: string;
                            name: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/projects/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make an earlier version the head again (nothing is removed)
         * @description Requires the `projects:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        version_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            /** @description The version shown first and generated from by default: the newest, or the one restored. */
                            head_version_id: string | null;
                            id: string;
                            name: string;
                            updated_at: string;
                        } & {
                            versions: {
                                created_at: string;
                                id: string;
                                job_id: string;
                                negative_prompt: string | null;
                                /** @description 1, 2, … within the project. */
                                number: number;
                                outputs: {
                                    bytes: number;
                                    format: string;
                                    height: number | null;
                                    /** @description An admin hid it from the gallery. */
                                    hidden: boolean;
                                    id: string;
                                    kind: "image" | "video";
                                    /** @description The job's artifact name, e.g. output-1.png. */
                                    name: string;
                                    /** @description The owner's download. */
                                    url: string;
                                    visibility: "private" | "public";
                                    width: number | null;
                                }[];
                                /** @description template, output, width, height, steps, frames, reference_upload_id as asked. */
                                params: {
                                    [key: string]: unknown;
                                };
                                /** @description The version this one was generated from (a branch when it is not the newest before it). */
                                parent_id: string | null;
                                prompt: string;
                                /** @description The seed used (chosen at random when none was asked). */
                                seed: number;
                            }[];
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your defaults: target language, voice, privacy mode (with the modes you may choose)
         * @description Requires the `session:self` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Your privacy mode for new jobs; null: the server's default. */
                            privacy_mode: ("off" | "balanced" | "minimal") | null;
                            /** @description The language new dubs go into; null: choose each time. */
                            target_language: string | null;
                            /** @description The voice new dubs use; null: the server default. */
                            voice: string | null;
                        } & {
                            privacy: {
                                /** @description The modes this server lets you choose, least private first. */
                                allowed: ("off" | "balanced" | "minimal")[];
                                /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                                default: "off" | "balanced" | "minimal";
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        /**
         * Save your defaults (all three at once; null keeps the server default)
         * @description Requires the `session:self` permission.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Your privacy mode for new jobs; null: the server's default. */
                        privacy_mode: ("off" | "balanced" | "minimal") | null;
                        /** @description The language new dubs go into; null: choose each time. */
                        target_language: string | null;
                        /** @description The voice new dubs use; null: the server default. */
                        voice: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Your privacy mode for new jobs; null: the server's default. */
                            privacy_mode: ("off" | "balanced" | "minimal") | null;
                            /** @description The language new dubs go into; null: choose each time. */
                            target_language: string | null;
                            /** @description The voice new dubs use; null: the server default. */
                            voice: string | null;
                        } & {
                            privacy: {
                                /** @description The modes this server lets you choose, least private first. */
                                allowed: ("off" | "balanced" | "minimal")[];
                                /** @description off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs. */
                                default: "off" | "balanced" | "minimal";
                            };
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether first-run setup is still pending */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description True while no account exists. */
                            required: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create the first admin with the one-time setup token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        /** @description The token from setup-token in the data directory. */
                        token: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /** Format: date-time */
                                created_at: string;
                                id: string;
                                role: string;
                                username: string;
                            };
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shares/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The item an unlisted share link opens */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            /** @description The name its owner chose to show; null: none. */
                            display_name: string | null;
                            file_url: string;
                            format: string;
                            height: number | null;
                            id: string;
                            kind: "image" | "video";
                            mine?: {
                                hidden: boolean;
                                project_id: string;
                                visibility: "private" | "public";
                            };
                            width: number | null;
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shares/{token}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The file an unlisted share link opens (Range requests supported) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/signed-urls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A link to one path for players that cannot send headers; dies with this session or key
         * @description Requires the `jobs:read` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Seconds; 10 minutes by default, 24 hours at most.
                         * @default 600
                         */
                        expires_in?: number;
                        /** @description A path (and query) on this server, e.g. an artifact. */
                        path: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expires_at: string;
                            /** @description Absolute when PUBLIC_URL is set; otherwise the path to append to this server's address. */
                            url: string;
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your uploads, newest first (cursor pagination)
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            next_cursor?: string;
                            uploads: {
                                /** Format: date-time */
                                created_at: string;
                                filename: string;
                                id: string;
                                kind: string;
                                /** @description What validation found: duration, size, streams. */
                                media?: {
                                    [key: string]: unknown;
                                };
                                /** @description A stable code, when rejected. */
                                reason?: string;
                                /** @description Of the whole file as kept, once accepted. */
                                sha256?: string;
                                size: number;
                                status: "receiving" | "validating" | "accepted" | "rejected";
                            }[];
                        };
                    };
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * tus 1.0: create an upload (Upload-Length, Upload-Metadata kind and filename)
         * @description Requires the `jobs:submit` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description tus 1.0 response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description tus 1.0 response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        /** tus 1.0: the server's tus configuration */
        options: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description tus 1.0 response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/uploads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An upload's status (never its bytes)
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            filename: string;
                            id: string;
                            kind: string;
                            /** @description What validation found: duration, size, streams. */
                            media?: {
                                [key: string]: unknown;
                            };
                            /** @description A stable code, when rejected. */
                            reason?: string;
                            /** @description Of the whole file as kept, once accepted. */
                            sha256?: string;
                            size: number;
                            status: "receiving" | "validating" | "accepted" | "rejected";
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * tus 1.0: DELETE an upload of yours
         * @description Requires the `jobs:submit` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description tus 1.0 response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description tus 1.0 response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        /** tus 1.0: the server's tus configuration */
        options: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description tus 1.0 response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        head?: never;
        /**
         * tus 1.0: PATCH an upload of yours
         * @description Requires the `jobs:submit` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description tus 1.0 response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description tus 1.0 response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/uploads/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What may be uploaded: extensions and largest size per kind, longest media
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kinds: {
                                extensions: string[];
                                kind: string;
                                max_bytes: number;
                            }[];
                            max_audio_seconds: number;
                            max_video_seconds: number;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your generation allowance today: generations and engine seconds used and left
         * @description Requires the `jobs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The UTC day counted, YYYY-MM-DD. */
                            day: string;
                            generations: {
                                /** @description null: no limit. */
                                limit: number | null;
                                remaining: number | null;
                                used: number;
                            };
                            gpu_seconds: {
                                /** @description null: no limit. */
                                limit: number | null;
                                remaining: number | null;
                                used: number;
                            };
                            /** @description GPU-class jobs (generations, dubs) the server runs at once, for everyone. */
                            gpu_slots: number;
                            resets_at: string;
                        };
                    };
                };
                /** @description Error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
                /** @description Error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database answers and the data dir is writable */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                data_dir: boolean;
                                database: boolean;
                                storage: boolean;
                            };
                            /** @enum {string} */
                            status: "ready";
                        };
                    };
                };
                /** @description Error */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable snake_case code; see docs/errors.md. */
                                code: string;
                                message: string;
                                request_id: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
