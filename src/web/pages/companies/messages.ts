/** Registry refusals the server sends as a message code and parameters, said in the page's language. */
import type { CompanyField } from '../../../domain/company-fields.ts';
import { isMessageCode, type MessageParams, renderMessage } from '../../../domain/messages.ts';
import { DEFAULT_LANGUAGE, toLanguage } from '../../i18n/language.ts';

interface Coded {
  code?: unknown;
  params?: unknown;
  field?: unknown;
}

/** The coded message in `language`, or null when it carries no code this page knows (an older row or server). */
export function localMessage(coded: Coded | null | undefined, language: string): string | null {
  if (!coded || !isMessageCode(coded.code)) return null;
  const params = (coded.params && typeof coded.params === 'object' ? coded.params : {}) as MessageParams;
  const field = typeof coded.field === 'string' ? (coded.field as CompanyField) : undefined;
  return renderMessage(
    field ? { code: coded.code, params, field } : { code: coded.code, params },
    toLanguage(language) ?? DEFAULT_LANGUAGE,
  );
}

/** A rejected row's reason in `language`; a row stored before reasons had codes shows its stored reason. */
export function rejectReason(item: Coded & { reason: string }, language: string): string {
  return localMessage(item, language) ?? item.reason;
}
