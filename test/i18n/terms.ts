/**
 * The one term each locale uses for the concepts every security email names, and the competing
 * variants it must not use. Each term is Logto's: the phrase of `@logto/phrases-experience` named by
 * `logto` (the sign-in screen the user has just seen) must match `use` and not `avoid`, and the
 * terminology test reads it from the package. Where Logto's phrases disagree with each other (Arabic
 * writes both التحقق بخطوتين and التحقق من خطوتين), the row names the phrase the emails follow.
 *
 * `use` must match every string whose English names the concept (`english` below); `avoid` must
 * match no string of the locale. Patterns match inflected forms (German `anmelden`/`anzumelden`).
 */

export type Concept = 'signIn' | 'twoStep' | 'code' | 'password';

export interface Term {
  use: RegExp;
  avoid: RegExp;
  /** The phrase key (`action.sign_in`) in Logto's sign-in experience that says it; `defaultPhrase` when absent. */
  logto?: string;
  /**
   * The emails deliberately depart from Logto's phrase: `logtoSays` is what the phrase says
   * instead (the test checks it still does, so a departure Logto has since fixed is noticed).
   */
  departs?: { logtoSays: RegExp; because: string };
}

export type LocaleTerms = Record<Concept, Term>;

/**
 * Where English names a concept, the translation must too. `code` is only the noun phrase
 * "(your) verification code": "2-step verification code" belongs to `twoStep`, and an
 * "identity verification code" may be phrased around the identity.
 */
export const english: Record<Concept, RegExp> = {
  signIn: /sign(?:ing)?[- ]in/i,
  twoStep: /2-step verification/i,
  code: /your (?:\{\{brandName\}\} )?verification code/i,
  password: /password/i,
};

/** Logto's phrase for each concept: the sign-in button, the 2-step verification screen's title, the code input, the password field. */
export const defaultPhrase: Record<Concept, string> = {
  signIn: 'action.sign_in',
  twoStep: 'mfa.verify_mfa_factors',
  code: 'action.enter_passcode',
  password: 'input.password',
};

/** Taiwan and Hong Kong write 登入 (as Logto's own zh-TW documentation does); Logto's screens say 登錄. */
const dengru: Term = {
  use: /登入/,
  avoid: /登錄|登陸|登录/,
  departs: { logtoSays: /登錄/, because: '登入 is the Taiwan and Hong Kong word; 登錄 reads as "register" there' },
};

export const terms: Record<string, LocaleTerms> = {
  en: {
    signIn: { use: english.signIn, avoid: /\blog(?:ging)?[- ]?(?:in|on)\b/i },
    twoStep: { use: english.twoStep, avoid: /two-step|two-factor|\b2fa\b|multi-factor|\bmfa\b/i },
    code: { use: /verification code/i, avoid: /security code|passcode|one-time (?:pass)?code|\botp\b/i },
    password: { use: english.password, avoid: /passphrase|pass phrase/i },
  },
  ar: {
    signIn: { use: /الدخول/, avoid: /الولوج|تسجيل الوصول/ },
    // Logto's screens write both; its MFA set-up screens say التحقق بخطوتين.
    twoStep: { use: /تحقق بخطوتين/, avoid: /المصادقة الثنائية|التحقق الثنائي|من خطوتين|العاملين/, logto: 'mfa.onboarding' },
    code: { use: /رمز التحقق/, avoid: /رمز الأمان|رمز المرور|كود/ },
    password: { use: /كلمة (?:ال)?مرور/, avoid: /كلمة السر/ },
  },
  cs: {
    signIn: { use: /přihl/i, avoid: /\blogin|zalog/i },
    twoStep: { use: /dvoufázov/i, avoid: /dvoufaktor|dvoustup|dvoukrok|\b2FA\b/i },
    code: { use: /ověřovací kód/i, avoid: /bezpečnostní kód|jednorázov/i },
    password: { use: /hesl/i, avoid: /\bpassword\b/i },
  },
  de: {
    signIn: { use: /an(?:zu)?meld/i, avoid: /einlogg|\blog-?in\b/i },
    twoStep: { use: /2-Schritte-Verifizierung/, avoid: /in zwei Schritten|Zwei-Faktor|2-Faktor|Zwei-Schritt|zweistufig|2-Schritt-Verif/i },
    code: { use: /Bestätigungscode/, avoid: /Sicherheitscode|Verifizierungscode|Einmalcode|Passcode/i },
    password: { use: /Passwort/, avoid: /Kennwort/i },
  },
  es: {
    signIn: { use: /ini(?:ciar|cia|cio de) sesión/i, avoid: /\blog(?:in|uea)|acceder|entrar/i },
    twoStep: { use: /verificación de 2 pasos/i, avoid: /en dos pasos|dos factores|doble factor|dos etapas|\b2FA\b/i },
    code: { use: /código de verificación/i, avoid: /código de seguridad|\bOTP\b/i },
    password: { use: /contraseña/i, avoid: /\bclave\b|\bpassword\b/i },
  },
  'es-MX': {
    signIn: { use: /ini(?:ciar|cie|cio de) sesión/i, avoid: /\blog(?:in|uea)|acceder|entrar/i },
    twoStep: { use: /verificación de 2 pasos/i, avoid: /en dos pasos|dos factores|doble factor|dos etapas|\b2FA\b/i },
    code: { use: /código de verificación/i, avoid: /código de seguridad|\bOTP\b/i },
    password: { use: /contraseña/i, avoid: /\bclave\b|\bpassword\b/i },
  },
  'fa-IR': {
    signIn: { use: /ورود/, avoid: /لاگین|لاگ‌این/ },
    twoStep: { use: /دو مرحله‌ای/, avoid: /دومرحله‌ای|دوعاملی|دو عاملی/ },
    code: { use: /کد تأیید/, avoid: /کد امنیتی|رمز یک‌بار|کد یک‌بار/ },
    password: { use: /رمز عبور/, avoid: /گذرواژه|کلمه عبور/ },
  },
  fr: {
    signIn: { use: /connect|connexion/i, avoid: /\blog-?in\b|identifi(?:er|ez)|ouvrir une session/i },
    twoStep: { use: /vérification en deux étapes/i, avoid: /validation en deux étapes|double authentification|deux facteurs|\b2FA\b/i },
    // Logto's code field says only "Entrer le code"; its sign-in option names the code.
    code: { use: /code de vérification/i, avoid: /code de sécurité|code de validation|usage unique/i, logto: 'action.sign_in_via_passcode' },
    password: { use: /mot de passe/i, avoid: /\bpassword\b/i },
  },
  it: {
    signIn: { use: /acced|accesso/i, avoid: /\blog-?in\b|autentica/i },
    twoStep: { use: /verifica in due passaggi/i, avoid: /due fattori|due fasi|due passi|\b2FA\b/i },
    code: { use: /codice di verifica/i, avoid: /codice di sicurezza|monouso|\bOTP\b/i },
    password: { use: /password/i, avoid: /parola d[’']accesso|parola chiave/i },
  },
  ja: {
    signIn: { use: /サインイン/, avoid: /ログイン/ },
    twoStep: { use: /2段階認証/, avoid: /2 段階|二段階|２段階|多要素|二要素|2要素/ },
    // 本人確認 is "identity verification", Logto's own phrase; only the code is 認証コード.
    code: { use: /認証コード/, avoid: /(?<!本人)確認コード|セキュリティコード|ワンタイム/ },
    password: { use: /パスワード/, avoid: /暗証番号/ },
  },
  ko: {
    signIn: { use: /로그인/, avoid: /사인인|로그 인|로그온/ },
    twoStep: { use: /2단계 인증/, avoid: /2차 인증|이중 인증|두 단계|다단계|\b2FA\b/ },
    // Logto's Korean code field says 비밀번호 입력 ("enter password"); its MFA list names the code.
    code: { use: /인증 코드/, avoid: /보안 코드|인증번호|확인 코드|일회용/, logto: 'mfa.email_verification_code' },
    password: { use: /비밀번호/, avoid: /패스워드|암호/ },
  },
  'pl-PL': {
    signIn: { use: /zalog|logowani/i, avoid: /\blogin\b|wejd[źz]|wejść/i },
    twoStep: { use: /weryfikacj\p{L}* dwuetapow/iu, avoid: /dwuskładnikow|dwustopniow|\b2FA\b/i },
    code: { use: /kod weryfikacyjn/i, avoid: /kod bezpieczeństwa|jednorazow/i },
    password: { use: /has(?:ł|eł|el)/i, avoid: /\bpassword\b/i },
  },
  'pt-BR': {
    // Logto's button says Entrar; its headings and options say login, as these emails do.
    signIn: { use: /\blogin\b/i, avoid: /\bentrar\b|\bentrou\b|\bentre na\b|código de acesso|iniciar sessão/i, logto: 'description.sign_in_to_your_account' },
    twoStep: { use: /verificação em duas etapas/i, avoid: /dois fatores|dois passos|2 etapas|\b2FA\b/i },
    code: { use: /código de verificação/i, avoid: /código de segurança|\bOTP\b/i },
    password: { use: /senha/i, avoid: /palavra-passe/i },
  },
  'pt-PT': {
    // Logto's button says Entrar; its headings and options say iniciar sessão, as these emails do.
    signIn: { use: /sessão/i, avoid: /\blogin\b|\bentrar\b|\bacesso\b/i, logto: 'description.sign_in_to_your_account' },
    twoStep: { use: /verificação em duas etapas/i, avoid: /dois passos|2 passos|dois fatores|\b2FA\b/i },
    code: { use: /código de verificação/i, avoid: /código de segurança|\bOTP\b/i },
    password: { use: /palavra-passe/i, avoid: /\bsenha\b/i },
  },
  ru: {
    signIn: { use: /вход|войт/i, avoid: /логин|авторизац|залогин/i },
    twoStep: { use: /двухфакторн\p{L}* аутентификац/iu, avoid: /двухэтапн|двойн\p{L}* аутентиф|\b2FA\b/iu },
    code: { use: /код подтверждения/i, avoid: /код безопасности|одноразов/i },
    password: { use: /парол/i, avoid: /\bpassword\b/i },
  },
  th: {
    signIn: { use: /เข้าสู่ระบบ/, avoid: /ลงชื่อเข้าใช้|ล็อกอิน|ล็อคอิน/ },
    twoStep: { use: /ยืนยันแบบ 2 ขั้นตอน/, avoid: /สองขั้นตอน|สองปัจจัย|2 ปัจจัย|หลายปัจจัย|\b2FA\b/ },
    code: { use: /รหัสยืนยัน/, avoid: /รหัสความปลอดภัย|รหัส OTP|โค้ด|รหัสผ่านครั้งเดียว/ },
    // Logto's Thai password field is left in English ("Password"); its "forgot password" link is Thai.
    password: { use: /รหัสผ่าน/, avoid: /พาสเวิร์ด|\bpassword\b/i, logto: 'action.forgot_password' },
  },
  'tr-TR': {
    signIn: { use: /giriş/i, avoid: /oturum aç|\blog-?in\b/i },
    twoStep: { use: /2 aşamalı doğrulama/, avoid: /faktörlü|adımlı|\b2FA\b/i },
    code: { use: /doğrulama kod/i, avoid: /güvenlik kod|tek kullanımlık/i },
    password: { use: /şifre/i, avoid: /parola/i },
  },
  'uk-UA': {
    signIn: { use: /вх[іо]д|увійт/i, avoid: /логін|авторизац/i },
    twoStep: { use: /двоетапн\p{L}* перевірк/iu, avoid: /двофакторн|\b2FA\b/iu },
    code: { use: /код підтвердження/i, avoid: /код безпеки|одноразов/i },
    password: { use: /парол/i, avoid: /\bpassword\b/i },
  },
  'zh-CN': {
    signIn: { use: /登录/, avoid: /登入|登陆|登錄/ },
    twoStep: { use: /两步验证/, avoid: /双重验证|二步验证|两步骤|双因素|多因素|两步认证|二次验证/ },
    code: { use: /验证码/, avoid: /安全码|校验码|动态码|动态密码/ },
    password: { use: /密码/, avoid: /口令/ },
  },
  'zh-HK': {
    signIn: dengru,
    twoStep: { use: /兩步驗證/, avoid: /雙重驗證|兩步驟|二步驗證|雙因素|多重驗證|兩步認證/ },
    code: { use: /驗證碼/, avoid: /安全碼|保安碼|驗證代碼/ },
    password: { use: /密碼/, avoid: /口令|密码/ },
  },
  'zh-TW': {
    signIn: dengru,
    twoStep: { use: /兩步驗證/, avoid: /雙重驗證|兩步驟|二步驗證|雙因素|多重驗證|兩步認證/ },
    code: { use: /驗證碼/, avoid: /安全碼|保安碼|驗證代碼/ },
    password: { use: /密碼/, avoid: /口令|密码/ },
  },
};
