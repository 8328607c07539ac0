import { Router, type Request, type Response } from 'express';
import { isBackendError } from '../backends/backend-error';
import type { AppDeps } from '../deps';
import { assertBasketAvailable, basketFailures } from '../web/basket-availability';
import { errorSummaryItems, parseForm, problemsFromBackend, type FieldProblems } from '../web/forms';
import { attemptAllowed, forgetAttempts, type RateLimitRefusal } from '../web/rate-limits';
import { safeReturnTo } from '../web/return-to';
import { MIN_PASSWORD_LENGTH, REGISTER_FIELDS, accountKey, registerForm, signInForm } from './schema';
import { startSignedInSession } from './sign-in';

type AccountPage = 'sign-in' | 'register';

const TITLES: Record<AccountPage, string> = { 'sign-in': 'Sign in', register: 'Create an account' };

interface FormState {
  status: number;
  problems: FieldProblems;
  /** What was typed, passwords left out: they are never sent back to the page. */
  raw: Record<string, string>;
  headers?: Record<string, string>;
}

function renderAccountForm(req: Request, res: Response, page: AccountPage, state: FormState = { status: 200, problems: {}, raw: {} }): void {
  const { password: _password, ...kept } = state.raw;
  for (const [name, value] of Object.entries(state.headers ?? {})) res.setHeader(name, value);
  res.status(state.status).render(`account/${page}`, {
    pageTitle: `${state.status === 200 ? '' : 'Error: '}${TITLES[page]}`,
    noIndex: true,
    returnTo: safeReturnTo(req.method === 'GET' ? req.query.returnTo : req.body?.returnTo),
    problems: state.problems,
    raw: kept,
    errorSummary: errorSummaryItems(state.problems),
    minPasswordLength: MIN_PASSWORD_LENGTH,
  });
}

/** 429 with the wait, on the e-mail field: the same answer for sign-in and registration. */
function renderTooManyAttempts(req: Request, res: Response, page: AccountPage, refusal: RateLimitRefusal, raw: Record<string, string>): void {
  renderAccountForm(req, res, page, {
    status: 429,
    problems: { email: refusal.message },
    raw,
    headers: { 'Retry-After': String(refusal.retryAfterSeconds) },
  });
}

const afterSignIn = (req: Request) => safeReturnTo(req.body?.returnTo) ?? '/account';

/** Sign in, create an account, sign out. Sign-in and registration are rate-limited per e-mail and per address. */
export function accountRoutes(_deps: AppDeps): Router {
  const router = Router();

  for (const page of ['sign-in', 'register'] as const) {
    router.get(`/${page}`, async (req, res) => {
      await assertBasketAvailable(req);
      if (req.shopSession.userId !== undefined) return res.redirect(303, safeReturnTo(req.query.returnTo) ?? '/account');
      renderAccountForm(req, res, page);
    });
  }

  router.post('/sign-in', async (req, res) => {
    await assertBasketAvailable(req);
    const form = parseForm(signInForm, req.body);
    if (!form.ok) return renderAccountForm(req, res, 'sign-in', { status: 422, problems: form.problems, raw: form.raw });
    const account = accountKey(form.values.email);
    const refusal = await attemptAllowed(req, 'sign-in', account);
    if (refusal) return renderTooManyAttempts(req, res, 'sign-in', refusal, form.raw);
    let user;
    try {
      user = await req.backends.rds.verifyCredentials(form.values);
    } catch (err) {
      if (!isBackendError(err, 401) && !isBackendError(err, 400)) throw err;
      // One message for an unknown e-mail and a wrong password: which it was is nobody's business.
      return renderAccountForm(req, res, 'sign-in', {
        status: 422,
        problems: { email: 'The e-mail address or password is incorrect' },
        raw: form.raw,
      });
    }
    await startSignedInSession(req, user);
    await forgetAttempts(req, 'sign-in', account);
    res.redirect(303, afterSignIn(req));
  });

  router.post('/register', async (req, res) => {
    await assertBasketAvailable(req);
    const form = parseForm(registerForm, req.body);
    if (!form.ok) return renderAccountForm(req, res, 'register', { status: 422, problems: form.problems, raw: form.raw });
    const refusal = await attemptAllowed(req, 'registration', accountKey(form.values.email));
    if (refusal) return renderTooManyAttempts(req, res, 'register', refusal, form.raw);
    let user;
    try {
      user = await req.backends.rds.registerUser(form.values);
    } catch (err) {
      const problems: FieldProblems | undefined = isBackendError(err, 409, 'email_taken')
        ? { email: 'An account with this e-mail address already exists: sign in instead' }
        : problemsFromBackend(err, REGISTER_FIELDS);
      if (!problems) throw err;
      return renderAccountForm(req, res, 'register', { status: 422, problems, raw: form.raw });
    }
    await startSignedInSession(req, user);
    res.redirect(303, afterSignIn(req));
  });

  router.post('/sign-out', async (req, res) => {
    await req.shopSession.destroy();
    res.redirect(303, '/');
  });

  router.use(basketFailures);
  return router;
}
