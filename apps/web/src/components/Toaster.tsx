import { Toaster as Sonner } from 'sonner';

export { toast } from 'sonner';

/** Mounted once at the root. Toasts confirm finished actions; errors that need a fix stay inline. */
export function Toaster() {
  return <Sonner position="bottom-right" closeButton richColors toastOptions={{ duration: 4000, className: 'text-sm' }} />;
}
