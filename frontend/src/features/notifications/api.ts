//! The caller's in-app notifications (unread first, newest first) and marking them read.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';

export type NotificationView = components['schemas']['NotificationView'];

export const notificationKeys = {
  all: ['notifications'] as const,
  mine: (page: number) => [...notificationKeys.all, 'mine', page] as const,
};

export function useMyNotifications(page: number, perPage = 50, enabled = true) {
  return useQuery({
    queryKey: notificationKeys.mine(page),
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/notifications/mine', { params: { query: { page, per_page: perPage } } })),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (ids: string[]) => {
      for (const id of ids) {
        unwrap(await api.POST('/api/v1/notifications/{notification_id}/read', { params: { path: { notification_id: id } } }));
      }
    },
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
