/**
 * What the console offers each role. The gateway enforces access; this only keeps actions a role may
 * not take out of the UI. Each capability names the schema field it stands for, and roles.test.ts
 * checks the roles against that field's @access directive (or its "roles: ..." description), so the
 * table cannot drift from the schema silently.
 */
export const ROLES = ['analyst', 'marketer', 'support', 'compliance', 'partner', 'service'] as const;
export type Role = (typeof ROLES)[number];

export interface Capability {
  field: string;
  roles: readonly Role[];
}

const STEWARDS = ['support', 'compliance'] as const;
const ANALYTICS = ['analyst', 'marketer', 'service'] as const;
const PARTNER_ADMIN = ['compliance', 'service'] as const;

export const CAPABILITIES = {
  funnel: { field: 'Query.funnel', roles: ANALYTICS },
  paths: { field: 'Query.paths', roles: ANALYTICS },
  cohorts: { field: 'Query.cohorts', roles: ANALYTICS },
  identityReviews: { field: 'Query.identityReviews', roles: STEWARDS },
  resolveIdentityReview: { field: 'Mutation.resolveIdentityReview', roles: STEWARDS },
  unmergeCustomer: { field: 'Mutation.unmergeCustomer', roles: STEWARDS },
  identityConflicts: { field: 'Query.identityConflicts', roles: STEWARDS },
  explainLink: { field: 'Query.explainLink', roles: ['support', 'compliance', 'analyst'] },
  dataSubjectRequests: { field: 'Customer.dataSubjectRequests', roles: ['compliance'] },
  overdueRequests: { field: 'Query.overdueRequests', roles: ['compliance'] },
  requestErasure: { field: 'Mutation.requestErasure', roles: ['compliance'] },
  auditLog: { field: 'Query.auditLog', roles: ['compliance'] },
  consentHistory: { field: 'Customer.consentHistory', roles: ['compliance', 'service'] },
  partners: { field: 'Query.partners', roles: PARTNER_ADMIN },
  registerPartner: { field: 'Mutation.registerPartner', roles: PARTNER_ADMIN },
  rotatePartnerSecret: { field: 'Mutation.rotatePartnerSecret', roles: PARTNER_ADMIN },
  replayWebhookDelivery: { field: 'Mutation.replayWebhookDelivery', roles: PARTNER_ADMIN },
  compareAttribution: { field: 'Query.compareAttribution', roles: ['analyst', 'marketer'] },
  journeyAlerts: { field: 'Query.journeyAlerts', roles: ['analyst', 'marketer'] },
  drafts: { field: 'Query.drafts', roles: ['marketer', 'compliance', 'service'] },
  approveDraft: { field: 'Mutation.approveDraft', roles: ['marketer'] },
  editDraft: { field: 'Mutation.editDraft', roles: ['marketer'] },
  rejectDraft: { field: 'Mutation.rejectDraft', roles: ['marketer'] },
  withdrawDraft: { field: 'Mutation.withdrawDraft', roles: ['marketer'] },
  escalations: { field: 'Query.escalations', roles: ['support'] },
  claimEscalation: { field: 'Mutation.claimEscalation', roles: ['support'] },
  replyAsAgent: { field: 'Mutation.replyAsAgent', roles: ['support'] },
  resolveEscalation: { field: 'Mutation.resolveEscalation', roles: ['support'] },
  conversations: { field: 'Customer.conversations', roles: ['support', 'compliance', 'service'] },
  decideNextBestAction: { field: 'Mutation.decideNextBestAction', roles: ['marketer', 'support', 'service'] },
  contentDrafts: { field: 'Customer.contentDrafts', roles: ['marketer', 'support', 'compliance', 'service'] },
} as const satisfies Record<string, Capability>;

export type CapabilityName = keyof typeof CAPABILITIES;

export function can(roles: readonly string[], capability: CapabilityName): boolean {
  const allowed: readonly string[] = CAPABILITIES[capability].roles;
  return roles.some((role) => allowed.includes(role));
}

export type PageName = 'customers' | 'analytics' | 'stewardship' | 'compliance' | 'partners' | 'content';

export interface PageLink {
  page: PageName;
  label: string;
}

/** The pages a role sees in the navigation: a page appears when the role can use its main operation. */
export function pagesFor(roles: readonly string[]): PageLink[] {
  const pages: PageLink[] = [];
  // Every role but a partner system looks customers up (masked where the role is not cleared).
  if (roles.some((r) => r !== 'partner')) pages.push({ page: 'customers', label: 'Customer 360' });
  if (can(roles, 'funnel')) pages.push({ page: 'analytics', label: 'Journey analytics' });
  if (can(roles, 'identityReviews')) pages.push({ page: 'stewardship', label: 'Identity stewardship' });
  if (can(roles, 'overdueRequests')) pages.push({ page: 'compliance', label: 'Compliance' });
  if (can(roles, 'partners')) pages.push({ page: 'partners', label: 'Partners' });
  if (can(roles, 'drafts') || can(roles, 'escalations')) pages.push({ page: 'content', label: 'Content and conversations' });
  return pages;
}

/**
 * Whether "Open customer 360" is offered from lists elsewhere: where the role has the Customer 360 page
 * (the 360 itself then shows each panel masked or absent as the role is cleared).
 */
export function canOpenCustomer(roles: readonly string[]): boolean {
  return pagesFor(roles).some((p) => p.page === 'customers');
}
