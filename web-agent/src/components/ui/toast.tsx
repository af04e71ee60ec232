import * as ToastPrimitive from '@radix-ui/react-toast'
import * as React from 'react'
import { cn } from '../../lib/utils'

// A small toast system: useToast().toast({title, description, variant}) from anywhere below
// <Toaster>. Failed requests use it: never a blank screen.
type ToastItem = { id: number; title: string; description?: string; variant?: 'default' | 'error' | 'success' }
const ToastContext = React.createContext<{ toast: (t: Omit<ToastItem, 'id'>) => void }>({ toast: () => {} })

export function useToast() {
  return React.useContext(ToastContext)
}

export function Toaster({ children }: { children: React.ReactNode }) {
  const [items, setItems] = React.useState<ToastItem[]>([])
  const nextId = React.useRef(1)
  const toast = React.useCallback((t: Omit<ToastItem, 'id'>) => {
    setItems((list) => [...list, { ...t, id: nextId.current++ }])
  }, [])
  return (
    <ToastContext.Provider value={{ toast }}>
      <ToastPrimitive.Provider duration={5000} swipeDirection="right">
        {children}
        {items.map((t) => (
          <ToastPrimitive.Root
            key={t.id}
            onOpenChange={(open) => !open && setItems((list) => list.filter((i) => i.id !== t.id))}
            className={cn(
              'rounded-lg border p-4 shadow-lg',
              t.variant === 'error' ? 'border-red-200 bg-red-50 text-red-900' : t.variant === 'success' ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-slate-200 bg-white',
            )}
            role={t.variant === 'error' ? 'alert' : 'status'}
          >
            <ToastPrimitive.Title className="text-sm font-semibold">{t.title}</ToastPrimitive.Title>
            {t.description && <ToastPrimitive.Description className="mt-1 text-sm">{t.description}</ToastPrimitive.Description>}
          </ToastPrimitive.Root>
        ))}
        <ToastPrimitive.Viewport className="fixed bottom-4 right-4 z-[100] flex w-[calc(100%-2rem)] max-w-sm flex-col gap-2" />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  )
}
