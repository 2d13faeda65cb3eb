// Errors are values with stable codes (as in jose/openid-client); http.ts maps them to responses
// in one place. Callers switch on `code`, never on messages.

export type ErrorCode = "bad_request" | "unauthorized" | "forbidden" | "not_found" | "unavailable" | "internal";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }
}

/** An invalid query or path value (browse-api.md §4.3, §4.4). */
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
    // One body for missing and invisible resources, so existence never leaks (§4.2).
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
  constructor(message = "registry not loaded yet") {
    super("unavailable", message);
  }
}
