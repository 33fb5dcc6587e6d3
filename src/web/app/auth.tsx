import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, get, post, setCsrfToken, setUnauthenticatedHandler } from './api.js';
import type { Me } from '../../shared/api/auth.js';

/** The signed-in user as GET /api/auth/me answers it (the shared contract). */
export type { Me } from '../../shared/api/auth.js';

interface AuthState {
  me: Me | null;
  loading: boolean;
  /** Why the user was sent back to the login page (SESSION_EXPIRED …). */
  reason: string | null;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  can(permission: string): boolean;
  hasRole(...roles: string[]): boolean;
}

const Ctx = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [reason, setReason] = useState<string | null>(null);

  const accept = useCallback((m: Me | null) => {
    setCsrfToken(m?.csrfToken);
    setMe(m);
  }, []);

  const refresh = useCallback(async () => {
    try {
      accept(await get<Me>('/api/auth/me'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) accept(null);
      else throw e;
    } finally {
      setLoading(false);
    }
  }, [accept]);

  useEffect(() => {
    setUnauthenticatedHandler((code) => {
      setReason(code);
      accept(null);
      qc.clear();
    });
    void refresh();
  }, [accept, qc, refresh]);

  const value = useMemo<AuthState>(
    () => ({
      me,
      loading,
      reason,
      async login(username, password) {
        const m = await post<Me>('/api/auth/login', { username, password });
        setReason(null);
        qc.clear();
        accept(m);
        return m;
      },
      async logout() {
        try {
          await post('/api/auth/logout');
        } finally {
          setReason(null);
          accept(null);
          qc.clear();
        }
      },
      refresh,
      can: (p) => Boolean(me?.user.permissions.some((x) => x === p)),
      hasRole: (...roles) => Boolean(me?.user.roles.some((r) => roles.includes(r.code))),
    }),
    [me, loading, reason, accept, qc, refresh],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
