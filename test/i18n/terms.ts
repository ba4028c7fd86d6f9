/**
 * The one term each locale uses for three concepts every security email names, and the competing
 * variants it must not use. Chosen to match what the user just saw in Logto's sign-in experience
 * (`@logto/phrases-experience`), except where Logto's own wording is not the language's usual one
 * (zh-TW and zh-HK write 登入, as Taiwan and Hong Kong do, not Logto's 登錄).
 *
 * `use` must match every string whose English names the concept (`english` below); `avoid` must
 * match no string of the locale. Patterns match inflected forms (German `anmelden`/`anzumelden`).
 */

export type Concept = 'signIn' | 'twoStep' | 'code';

export interface Term {
  use: RegExp;
  avoid: RegExp;
}

export type LocaleTerms = Record<Concept, Term>;

/**
 * Where English names a concept, the translation must too. `code` is only the noun phrase
 * "(your) verification code": "two-step verification code" belongs to `twoStep`, and an
 * "identity verification code" may be phrased around the identity.
 */
export const english: Record<Concept, RegExp> = {
  signIn: /sign(?:ing)?[- ]in/i,
  twoStep: /two-step verification/i,
  code: /your (?:\{\{brandName\}\} )?verification code/i,
};

export const terms: Record<string, LocaleTerms> = {
  en: {
    signIn: { use: english.signIn, avoid: /\blog(?:ging)?[- ]?(?:in|on)\b/i },
    twoStep: { use: english.twoStep, avoid: /two-factor|\b2fa\b|2-step|multi-factor|\bmfa\b/i },
    code: { use: /verification code/i, avoid: /security code|passcode|one-time (?:pass)?code|\botp\b/i },
  },
  ar: {
    signIn: { use: /الدخول/, avoid: /الولوج|تسجيل الوصول/ },
    twoStep: { use: /تحقق بخطوتين/, avoid: /المصادقة الثنائية|التحقق الثنائي|من خطوتين|العاملين/ },
    code: { use: /رمز التحقق/, avoid: /رمز الأمان|رمز المرور|كود/ },
  },
  cs: {
    signIn: { use: /přihl/i, avoid: /\blogin|zalog/i },
    twoStep: { use: /dvoufázov/i, avoid: /dvoufaktor|dvoustup|dvoukrok|\b2FA\b/i },
    code: { use: /ověřovací kód/i, avoid: /bezpečnostní kód|jednorázov/i },
  },
  de: {
    signIn: { use: /an(?:zu)?meld/i, avoid: /einlogg|\blog-?in\b/i },
    twoStep: { use: /Bestätigung in zwei Schritten/, avoid: /Zwei-Faktor|2-Faktor|Zwei-Schritt|2-Schritt|zweistufig/i },
    code: { use: /Bestätigungscode/, avoid: /Sicherheitscode|Verifizierungscode|Einmalcode|Passcode/i },
  },
  es: {
    signIn: { use: /ini(?:ciar|cia|cio de) sesión/i, avoid: /\blog(?:in|uea)|acceder|entrar/i },
    twoStep: { use: /verificación en dos pasos/i, avoid: /dos factores|doble factor|dos etapas|2 pasos|\b2FA\b/i },
    code: { use: /código de verificación/i, avoid: /código de seguridad|\bOTP\b/i },
  },
  'es-MX': {
    signIn: { use: /ini(?:ciar|cie|cio de) sesión/i, avoid: /\blog(?:in|uea)|acceder|entrar/i },
    twoStep: { use: /verificación en dos pasos/i, avoid: /dos factores|doble factor|dos etapas|2 pasos|\b2FA\b/i },
    code: { use: /código de verificación/i, avoid: /código de seguridad|\bOTP\b/i },
  },
  'fa-IR': {
    signIn: { use: /ورود/, avoid: /لاگین|لاگ‌این/ },
    twoStep: { use: /دومرحله‌ای/, avoid: /دو مرحله|دوعاملی|دو عاملی/ },
    code: { use: /کد تأیید/, avoid: /کد امنیتی|رمز یک‌بار|کد یک‌بار/ },
  },
  fr: {
    signIn: { use: /connect|connexion/i, avoid: /\blog-?in\b|identifi(?:er|ez)|ouvrir une session/i },
    twoStep: { use: /vérification en deux étapes/i, avoid: /validation en deux étapes|double authentification|deux facteurs|\b2FA\b/i },
    code: { use: /code de vérification/i, avoid: /code de sécurité|code de validation|usage unique/i },
  },
  it: {
    signIn: { use: /acced|accesso/i, avoid: /\blog-?in\b|autentica/i },
    twoStep: { use: /verifica in due passaggi/i, avoid: /due fattori|due fasi|due passi|\b2FA\b/i },
    code: { use: /codice di verifica/i, avoid: /codice di sicurezza|monouso|\bOTP\b/i },
  },
  ja: {
    signIn: { use: /サインイン/, avoid: /ログイン/ },
    twoStep: { use: /2段階認証/, avoid: /2 段階|二段階|２段階|多要素|二要素|2要素/ },
    code: { use: /確認コード/, avoid: /(?<!段階)認証コード|セキュリティコード|ワンタイム/ },
  },
  ko: {
    signIn: { use: /로그인/, avoid: /사인인|로그 인|로그온/ },
    twoStep: { use: /2단계 인증/, avoid: /2차 인증|이중 인증|두 단계|다단계|\b2FA\b/ },
    code: { use: /인증 코드/, avoid: /보안 코드|인증번호|확인 코드|일회용/ },
  },
  'pl-PL': {
    signIn: { use: /zalog|logowani/i, avoid: /\blogin\b|wejd[źz]|wejść/i },
    twoStep: { use: /weryfikacj\p{L}* dwuetapow/iu, avoid: /dwuskładnikow|dwustopniow|\b2FA\b/i },
    code: { use: /kod weryfikacyjn/i, avoid: /kod bezpieczeństwa|jednorazow/i },
  },
  'pt-BR': {
    signIn: { use: /\blogin\b/i, avoid: /\bentrar\b|\bentrou\b|\bentre na\b|código de acesso|iniciar sessão/i },
    twoStep: { use: /verificação em duas etapas/i, avoid: /dois fatores|dois passos|2 etapas|\b2FA\b/i },
    code: { use: /código de verificação/i, avoid: /código de segurança|\bOTP\b/i },
  },
  'pt-PT': {
    signIn: { use: /sessão/i, avoid: /\blogin\b|\bentrar\b|\bacesso\b/i },
    twoStep: { use: /verificação em dois passos/i, avoid: /duas etapas|dois fatores|2 passos|\b2FA\b/i },
    code: { use: /código de verificação/i, avoid: /código de segurança|\bOTP\b/i },
  },
  ru: {
    signIn: { use: /вход|войт/i, avoid: /логин|авторизац|залогин/i },
    twoStep: { use: /двухэтапн\p{L}* проверк/iu, avoid: /двухфакторн|двойн\p{L}* аутентиф|\b2FA\b/iu },
    code: { use: /код подтверждения/i, avoid: /код безопасности|одноразов/i },
  },
  th: {
    signIn: { use: /เข้าสู่ระบบ/, avoid: /ลงชื่อเข้าใช้|ล็อกอิน|ล็อคอิน/ },
    twoStep: { use: /ยืนยันแบบ 2 ขั้นตอน/, avoid: /สองขั้นตอน|สองปัจจัย|2 ปัจจัย|หลายปัจจัย|\b2FA\b/ },
    code: { use: /รหัสยืนยัน/, avoid: /รหัสความปลอดภัย|รหัส OTP|โค้ด|รหัสผ่านครั้งเดียว/ },
  },
  'tr-TR': {
    // Turkish İ does not case-fold to i in JavaScript, hence [iİ] rather than /i.
    signIn: { use: /giriş/i, avoid: /oturum aç|\blog-?in\b/i },
    twoStep: { use: /[iİ]ki adımlı doğrulama/, avoid: /faktörlü|aşamalı|2 adımlı|\b2FA\b/i },
    code: { use: /doğrulama kod/i, avoid: /güvenlik kod|tek kullanımlık/i },
  },
  'uk-UA': {
    signIn: { use: /вх[іо]д|увійт/i, avoid: /логін|авторизац/i },
    twoStep: { use: /двоетапн\p{L}* перевірк/iu, avoid: /двофакторн|\b2FA\b/iu },
    code: { use: /код підтвердження/i, avoid: /код безпеки|одноразов/i },
  },
  'zh-CN': {
    signIn: { use: /登录/, avoid: /登入|登陆|登錄/ },
    twoStep: { use: /两步验证/, avoid: /双重验证|二步验证|两步骤|双因素|多因素|两步认证|二次验证/ },
    code: { use: /验证码/, avoid: /安全码|校验码|动态码|动态密码/ },
  },
  'zh-HK': {
    signIn: { use: /登入/, avoid: /登錄|登陸|登录/ },
    twoStep: { use: /兩步驗證/, avoid: /雙重驗證|兩步驟|二步驗證|雙因素|多重驗證|兩步認證/ },
    code: { use: /驗證碼/, avoid: /安全碼|保安碼|驗證代碼/ },
  },
  'zh-TW': {
    signIn: { use: /登入/, avoid: /登錄|登陸|登录/ },
    twoStep: { use: /兩步驗證/, avoid: /雙重驗證|兩步驟|二步驗證|雙因素|多重驗證|兩步認證/ },
    code: { use: /驗證碼/, avoid: /安全碼|保安碼|驗證代碼/ },
  },
};
