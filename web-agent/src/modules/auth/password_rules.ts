// What the browser checks before asking the server (which alone judges strength).
export const MIN_PASSWORD_LENGTH = 10

// Why the two entries cannot be sent, or null.
export function passwordMismatch(password: string, confirmation: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `${MIN_PASSWORD_LENGTH} caractères au moins.`
  if (password !== confirmation) return 'Les deux mots de passe ne sont pas identiques.'
  return null
}
