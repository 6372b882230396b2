// The most common passwords of 8+ characters (shorter ones already fail the length rule), from
// public breach-corpus top lists. Compared case-insensitively. Small on purpose: it ships to the
// browser with the form validation; the real defence against guessing is rate limiting + bcrypt.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword",
  "12345678", "123456789", "1234567890", "12345678910", "0123456789", "87654321", "11111111", "00000000",
  "88888888", "66666666", "99999999", "12341234", "11223344", "12121212", "123123123", "1q2w3e4r",
  "1q2w3e4r5t", "1qaz2wsx", "qwertyui", "qwertyuiop", "qwerty123", "qwerty12", "qwerty1234", "asdfghjkl",
  "asdfasdf", "zxcvbnm1", "abcd1234", "abc12345", "abcdefgh", "a1b2c3d4", "iloveyou", "iloveyou1",
  "sunshine", "sunshine1", "princess", "princess1", "football", "football1", "baseball", "basketball",
  "superman", "batman123", "starwars", "trustno1", "welcome1", "welcome123", "letmein1", "letmein123",
  "changeme", "changeme1", "admin123", "administrator", "adminadmin", "loveme123", "michelle", "jennifer",
  "whatever", "computer", "internet", "corvette", "mercedes", "mustang1", "charlie1", "chocolate",
  "butterfly", "liverpool", "blink182", "monkey123", "dragon123", "shadow123", "master123", "freedom1",
  "q1w2e3r4", "q1w2e3r4t5", "zaq12wsx", "!qaz2wsx", "passpass", "secret123", "test1234", "testtest",
  "hello123", "987654321", "123qweasd", "qweasdzxc", "1234qwer", "qwer1234", "parley123",
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
