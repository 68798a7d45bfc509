/** The coded values of events and their attendees, shared by the server and the web app. */

export const eventKinds = [
  'delegation_visit',
  'promotion_conference',
  'signing_ceremony',
  'roadshow_home',
  'roadshow_abroad',
  'online_roadshow',
] as const;
export type EventKind = (typeof eventKinds)[number];

export const invitationStates = ['not_sent', 'sent'] as const;
export type InvitationState = (typeof invitationStates)[number];

export const rsvpStates = ['pending', 'accepted', 'declined'] as const;
export type RsvpState = (typeof rsvpStates)[number];

const fold = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Who a person on a list is: the same name from the same organisation is the same person, however it was typed
 * (full-width letters, spacing, case). A list holds each person once.
 */
export function attendeeKey(name: string, organisation: string | null | undefined): string {
  return `${fold(name)}|${fold(organisation ?? '')}`;
}
