//! The notifications feature's strings (namespace `notifications`); shared strings come from the default one.
import { useTranslation } from 'react-i18next';
import { registerMessages } from '@/lib/i18n';

export const NS = 'notifications';

const id = {
  nav: { title: 'Notifikasi' },
  title: 'Notifikasi',
  subtitle: 'Pemberitahuan untuk Anda: yang belum dibaca di atas, yang terbaru lebih dulu.',
  unreadCount: '{{count}} belum dibaca',
  allRead: 'Semua notifikasi sudah dibaca.',
  none: 'Belum ada notifikasi.',
  unread: 'Belum dibaca',
  open: 'Buka',
  openAbout: 'Buka: {{subject}}',
  markRead: 'Tandai sudah dibaca',
  markReadAbout: 'Tandai sudah dibaca: {{subject}}',
  markAllRead: 'Tandai semua sudah dibaca',
  readAt: 'Dibaca {{at}}',
  notEmployee: 'Notifikasi ditujukan kepada pegawai; akun ini tidak terhubung dengan data pegawai.',
  kind: {
    feedback_requested: 'Permintaan umpan balik 360',
    feedback_reminder: 'Pengingat umpan balik 360',
    continuous_feedback: 'Umpan balik berkelanjutan',
    other: 'Pemberitahuan',
  },
  body: {
    feedback_requested: 'Anda diminta memberi umpan balik atas tujuh nilai dasar BerAKHLAK, paling lambat {{date}}.',
    feedback_requested_nodate: 'Anda diminta memberi umpan balik atas tujuh nilai dasar BerAKHLAK.',
    feedback_reminder: '{{count}} permintaan umpan balik menunggu jawaban Anda; batas waktu {{date}}.',
    continuous_feedback: 'Pejabat penilai Anda menulis umpan balik pada SKP Anda.',
  },
  problems: {},
};

const en: typeof id = {
  nav: { title: 'Notifications' },
  title: 'Notifications',
  subtitle: 'Notices for you: unread ones on top, newest first.',
  unreadCount: '{{count}} unread',
  allRead: 'All notifications are read.',
  none: 'No notifications yet.',
  unread: 'Unread',
  open: 'Open',
  openAbout: 'Open: {{subject}}',
  markRead: 'Mark as read',
  markReadAbout: 'Mark as read: {{subject}}',
  markAllRead: 'Mark all as read',
  readAt: 'Read {{at}}',
  notEmployee: 'Notifications are addressed to employees; this account is not linked to an employee.',
  kind: {
    feedback_requested: '360 feedback request',
    feedback_reminder: '360 feedback reminder',
    continuous_feedback: 'Continuous feedback',
    other: 'Notice',
  },
  body: {
    feedback_requested: 'You are asked for feedback on the seven BerAKHLAK core values by {{date}}.',
    feedback_requested_nodate: 'You are asked for feedback on the seven BerAKHLAK core values.',
    feedback_reminder: '{{count}} feedback request(s) await your answers; due {{date}}.',
    continuous_feedback: 'Your appraiser wrote feedback on your plan.',
  },
  problems: {},
};

registerMessages(NS, { id, en });

/** `t` of this feature's namespace (falls back to the shared strings). */
export function useNotificationsT() {
  return useTranslation(NS);
}
