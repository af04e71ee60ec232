import { clsx, type ClassValue } from 'clsx'
import { twMerge } from 'tailwind-merge'

// Tailwind classes merged the shadcn way: later utilities win over earlier ones.
export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs))
}
