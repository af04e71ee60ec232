import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './index.css'
import { SetupPasswordPage } from './modules/auth/SetupPasswordPage'

// /setup/<token> is the one page reached without signing in (a one-time link); everything else
// is the app behind the login.
const setup = window.location.pathname.match(/^\/setup\/([A-Za-z0-9_-]+)$/)

createRoot(document.getElementById('root')!).render(
  <StrictMode>{setup ? <SetupPasswordPage token={setup[1]} /> : <App />}</StrictMode>,
)
