// Errors are values with stable codes (as in jose/openid-client): one base class, every error
// named after its own class and carrying its `cause`. Callers switch on `code`, never on
// messages; lib/server/http.ts maps the HTTP-facing ones (AppError) to responses in one place.

/** Codes of errors that become an HTTP response (the `error.code` of the JSON body). */
export type HttpErrorCode = "bad_request" | "unauthorized" | "forbidden" | "not_found" | "unavailable" | "internal";

/** Codes of errors raised inside the explorer; each is caught and handled where it means something. */
export type InternalErrorCode =
  | "ERR_CONFIG"
  | "ERR_MANIFEST_PARSE"
  | "ERR_FILE_UNREADABLE"
  | "ERR_REQUIRED_FIELD"
  | "ERR_EXPRESSION_SYNTAX"
  | "ERR_EXPRESSION_UNSUPPORTED"
  | "ERR_EXPRESSION_TYPE"
  | "ERR_EXPRESSION_LIMIT"
  | "ERR_EXPRESSION_EVAL"
  | "ERR_EXPRESSION_BUDGET"
  | "ERR_SESSION_TOO_LARGE"
  | "ERR_ISSUER_UNAVAILABLE"
  | "ERR_PROVIDER_UNAVAILABLE";

export type ErrorCode = HttpErrorCode | InternalErrorCode;

export class ExplorerError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    // The subclass's own name in logs and stack traces, not "Error".
    this.name = new.target.name;
  }
}

/** An error the browse API, the auth routes and the pages answer with its HTTP status. */
export class AppError extends ExplorerError<HttpErrorCode> {}

/** An invalid query or path value (docs/browse-api.md §4.3, §4.4). */
export class BadRequestError extends AppError {
  constructor(
    message: string,
    readonly param: string,
    readonly allowed?: readonly string[],
  ) {
    super("bad_request", message);
  }
}

export class NotFoundError extends AppError {
  constructor() {
    // One body for missing and invisible resources, so existence never leaks (docs/browse-api.md §4.2).
    super("not_found", "not found");
  }
}

export class UnauthorizedError extends AppError {
  constructor(
    /** True when a credential was presented (and rejected). */
    readonly tokenPresented: boolean,
    /** Internal reason for the audit log; never sent to the client. */
    readonly reason: string,
  ) {
    super("unauthorized", tokenPresented ? "invalid token" : "authentication required");
  }
}

export class UnavailableError extends AppError {
  constructor(message = "registry not loaded yet", options?: { cause?: unknown }) {
    super("unavailable", message, options);
  }
}
