// A real OpenID Connect provider (the certified npm package `oidc-provider`) on loopback, for
// the SSO tests. One client, one user, a minimal login form; the ID token carries `amr`.
//
//   node provider.mjs PORT REDIRECT_URI POST_LOGOUT_REDIRECT_URI
//
// TEST_PROVIDER_AMR (comma-separated, default "pwd,mfa") sets what the provider asserts about
// the login. Prints "READY <issuer>" once it listens.
import http from 'node:http';
import Provider from 'oidc-provider';

const [port, redirectUri, postLogoutRedirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const amr = (process.env.TEST_PROVIDER_AMR ?? 'pwd,mfa').split(',').filter(Boolean);

const PASSWORD = 'correct horse battery';
const USERS = {
  anna: {
    sub: 'f3b6d1e2-anna',
    email: 'anna.devries@gemeente.example',
    email_verified: true,
    given_name: 'Anna',
    family_name: 'de Vries',
    groups: ['collectief-gebruikers'],
  },
  bert: {
    sub: 'a71c09d4-bert',
    email: 'bert@gemeente.example',
    email_verified: true,
    given_name: 'Bert',
    family_name: 'Jansen',
    groups: ['andere-applicatie'],
  },
};
const USERS_BY_SUB = Object.fromEntries(Object.values(USERS).map((user) => [user.sub, user]));

const page = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'collectief',
      client_secret: 'collectief-test-secret',
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [postLogoutRedirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  claims: {
    amr: null,
    auth_time: null,
    sid: null,
    // amr with the openid scope, as Keycloak and Entra ID put it in every ID token.
    openid: ['sub', 'amr', 'auth_time'],
    email: ['email', 'email_verified'],
    profile: ['given_name', 'family_name'],
    groups: ['groups'],
  },
  scopes: ['openid', 'email', 'profile', 'groups'],
  async findAccount(ctx, sub) {
    const user = USERS_BY_SUB[sub];
    return user && { accountId: sub, claims: async () => ({ ...user }) };
  },
  cookies: { keys: ['test-provider-cookie-key-not-secret'] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page('Sign out', `${form}<button type="submit" form="op.logoutForm"
          value="yes" name="logout">Yes, sign me out</button>`);
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
});

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function loginForm(res, error = '') {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(page('Test provider login', `<form method="post">
    ${error ? `<p role="alert">${error}</p>` : ''}
    <label>Username <input name="login" autocomplete="username"></label>
    <label>Password <input name="password" type="password"></label>
    <button type="submit">Sign in</button></form>`));
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    if (req.method !== 'POST') return loginForm(res);
    const form = await readForm(req);
    const user = USERS[form.get('login')];
    if (!user || form.get('password') !== PASSWORD) return loginForm(res, 'Wrong username or password');
    return provider.interactionFinished(req, res, { login: { accountId: user.sub, amr } }, {
      mergeWithLastSubmission: false,
    });
  }
  // Consent: the one client is trusted, so grant what it asked for.
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, {
    mergeWithLastSubmission: true,
  });
}

const handleProtocol = provider.callback();
http
  .createServer(async (req, res) => {
    if (!req.url.startsWith('/interaction/')) return handleProtocol(req, res);
    try {
      await interaction(req, res);
    } catch (error) {
      res.statusCode = 400;
      res.end(page('Error', String(error)));
    }
  })
  .listen(Number(port), '127.0.0.1', () => console.log(`READY ${issuer}`));
