import { ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';

/** Errors of the `jsonwebtoken` library: a bad signature, an expired or not-yet-valid token. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * botbuilder answers 500 when a token's signature is wrong (the library's error escapes
 * unwrapped); Teams and reviewers expect 401. This turns token errors into AuthenticationError.
 */
export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (e) {
      if (e instanceof Error && TOKEN_ERRORS.has(e.name))
        throw new AuthenticationError(`Unauthorized: ${e.message}`, StatusCodes.UNAUTHORIZED);
      throw e;
    }
  }
}
