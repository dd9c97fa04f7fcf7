/** The password policy as the server enforces it (docs/identity-api.md), for hints and a first check. */
export const PASSWORD_POLICY_HINT =
  '10–128 位，至少包含大写字母、小写字母、数字、符号中的三类，不能包含用户名或手机号'

/**
 * A quick client-side check so obvious mistakes are caught before a round trip.
 * The server remains the judge (it also rejects common passwords) and its 422
 * message is shown under the field when it disagrees.
 */
export function checkPassword(password: string, username = '', mobile = ''): string | null {
  if (password.length < 10) return '密码至少 10 位'
  if (password.length > 128) return '密码最多 128 位'
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length
  if (classes < 3) return '至少包含大写字母、小写字母、数字、符号中的三类'
  const lower = password.toLowerCase()
  if (username && lower.includes(username.toLowerCase())) return '密码不能包含用户名'
  if (mobile && /^\d{11}$/.test(mobile) && password.includes(mobile)) return '密码不能包含手机号'
  return null
}
