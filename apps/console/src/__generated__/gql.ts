/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CompareAttribution($conversionEvent: String!, $from: DateTime!, $to: DateTime!, $lookbackDays: Int, $by: AttributionDimension) {\n    compareAttribution(conversionEvent: $conversionEvent, from: $from, to: $to, lookbackDays: $lookbackDays, by: $by) {\n      by\n      conversionEvent\n      conversions\n      unattributed\n      nonConverting\n      models\n      rows {\n        key\n        models {\n          model\n          conversions\n          low\n          high\n        }\n      }\n    }\n  }\n": typeof types.CompareAttributionDocument,
    "\n  query Cohorts($from: DateTime!, $to: DateTime!, $weeks: Int) {\n    cohorts(from: $from, to: $to, weeks: $weeks) {\n      weekStart\n      size\n      retention {\n        week\n        active\n        rate\n      }\n    }\n  }\n": typeof types.CohortsDocument,
    "\n  query Funnel($steps: [String!]!, $within: Int, $from: DateTime!, $to: DateTime!, $by: FunnelBreakdown) {\n    funnel(steps: $steps, within: $within, from: $from, to: $to, by: $by) {\n      steps {\n        name\n        count\n        conversionRate\n        stepConversionRate\n        dropOff\n      }\n      breakdown {\n        key\n        steps {\n          name\n          count\n          conversionRate\n          stepConversionRate\n          dropOff\n        }\n      }\n    }\n  }\n": typeof types.FunnelDocument,
    "\n  query JourneyAlerts($from: DateTime!, $to: DateTime!) {\n    journeyAlerts(from: $from, to: $to) {\n      id\n      kind\n      metric\n      step\n      segment\n      from\n      to\n      baseline\n      observed\n      score\n      detectedAt\n    }\n  }\n": typeof types.JourneyAlertsDocument,
    "\n  query Paths($to: String!, $from: String, $maxLength: Int, $since: DateTime!, $until: DateTime!) {\n    paths(to: $to, from: $from, maxLength: $maxLength, top: 10, since: $since, until: $until) {\n      conversions\n      paths {\n        steps\n        count\n      }\n      transitions {\n        step\n        from\n        to\n        count\n      }\n    }\n  }\n": typeof types.PathsDocument,
    "\n  query AuditLog($subject: String, $first: Int) {\n    auditLog(subject: $subject, first: $first) {\n      seq\n      at\n      actor\n      action\n      subject\n      details\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query VerifyAuditChain {\n    verifyAuditChain {\n      valid\n      checked\n      brokenAtSeq\n      reason\n    }\n  }\n": typeof types.VerifyAuditChainDocument,
    "\n  query OverdueRequests {\n    overdueRequests {\n      id\n      kind\n      status\n      customerId\n      dueAt\n      overdue\n      completedAt\n    }\n  }\n": typeof types.OverdueRequestsDocument,
    "\n  query DataSubjectRequest($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      kind\n      customerId\n      status\n      requestedBy\n      receivedAt\n      dueAt\n      overdue\n      completedAt\n      failureReason\n      history {\n        at\n        status\n        note\n      }\n      receipt {\n        erasedAt\n        verifiedAt\n        verified\n        auditSeq\n        services {\n          service\n          deleted\n          deletedTotal\n          remainingTotal\n        }\n      }\n    }\n  }\n": typeof types.DataSubjectRequestDocument,
    "\n  query DataSubjectRequestExport($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      exportDocument\n    }\n  }\n": typeof types.DataSubjectRequestExportDocument,
    "\n  mutation LiftRestriction($requestId: ID!) {\n    liftRestriction(requestId: $requestId) {\n      id\n      status\n    }\n  }\n": typeof types.LiftRestrictionDocument,
    "\n  mutation RequestErasure($input: DataSubjectInput!) {\n    requestErasure(input: $input) {\n      id\n    }\n  }\n": typeof types.RequestErasureDocument,
    "\n  mutation RequestAccess($input: DataSubjectInput!) {\n    requestAccess(input: $input) {\n      id\n    }\n  }\n": typeof types.RequestAccessDocument,
    "\n  mutation RequestRestriction($input: DataSubjectInput!) {\n    requestRestriction(input: $input) {\n      id\n    }\n  }\n": typeof types.RequestRestrictionDocument,
    "\n  query DraftQueue {\n    drafts(status: PENDING_REVIEW, first: 20) {\n      id\n      customerId\n      channel\n      purpose\n      brief\n      version\n      createdAt\n      variants {\n        index\n        subject\n        headline\n        body\n        callToAction\n      }\n    }\n  }\n": typeof types.DraftQueueDocument,
    "\n  mutation ApproveDraft($id: ID!) {\n    approveDraft(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ApproveDraftDocument,
    "\n  mutation RejectDraft($id: ID!, $reason: String!) {\n    rejectDraft(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.RejectDraftDocument,
    "\n  mutation EditDraft($id: ID!, $variants: [ContentVariantInput!]!, $note: String) {\n    editDraft(id: $id, variants: $variants, note: $note) {\n      id\n      version\n    }\n  }\n": typeof types.EditDraftDocument,
    "\n  query Escalations($status: EscalationStatus) {\n    escalations(status: $status, first: 50) {\n      id\n      conversationId\n      customerId\n      status\n      reasons\n      intent\n      summary\n      sentimentTrend\n      createdAt\n      claimedBy\n      resolution\n    }\n  }\n": typeof types.EscalationsDocument,
    "\n  mutation ClaimEscalation($id: ID!) {\n    claimEscalation(id: $id) {\n      id\n      status\n      claimedBy\n    }\n  }\n": typeof types.ClaimEscalationDocument,
    "\n  mutation ResolveEscalation($id: ID!, $resolution: String!) {\n    resolveEscalation(id: $id, resolution: $resolution) {\n      id\n      status\n    }\n  }\n": typeof types.ResolveEscalationDocument,
    "\n  query CustomerConsents($id: ID!) {\n    customer(id: $id) {\n      id\n      consents {\n        purpose\n        channel\n        status\n        source\n        lawfulBasis\n        policyVersion\n        recordedAt\n        isDefault\n      }\n    }\n  }\n": typeof types.CustomerConsentsDocument,
    "\n  query CustomerConsentHistory($id: ID!) {\n    customer(id: $id) {\n      id\n      consentHistory {\n        purpose\n        channel\n        status\n        source\n        lawfulBasis\n        policyVersion\n        recordedAt\n        recordedBy\n      }\n    }\n  }\n": typeof types.CustomerConsentHistoryDocument,
    "\n  query CustomerDrafts($id: ID!) {\n    customer(id: $id) {\n      id\n      contentDrafts {\n        id\n        channel\n        purpose\n        status\n        createdAt\n        variants {\n          index\n          body\n        }\n      }\n    }\n  }\n": typeof types.CustomerDraftsDocument,
    "\n  query FindCustomer($type: IdentifierType!, $value: String!) {\n    customerByIdentifier(type: $type, value: $value) {\n      id\n    }\n  }\n": typeof types.FindCustomerDocument,
    "\n  query CustomerById($id: ID!) {\n    customer(id: $id) {\n      id\n    }\n  }\n": typeof types.CustomerByIdDocument,
    "\n  query CustomerEngagement($id: ID!) {\n    customer(id: $id) {\n      id\n      engagement {\n        touchCount\n        firstSeenAt\n        lastSeenAt\n        lastChannel\n        withheld\n        channels {\n          channel\n          touchCount\n          lastSeenAt\n        }\n      }\n      journeyStage {\n        stage\n        rule {\n          events\n          minCount\n        }\n        evidence {\n          messageId\n          eventKey\n          channel\n          occurredAt\n        }\n      }\n      sessions {\n        family\n        startedAt\n        endedAt\n        touchpointCount\n        channels\n        eventNames\n      }\n    }\n  }\n": typeof types.CustomerEngagementDocument,
    "\n  query CustomerGreeting($id: ID!) {\n    customer(id: $id) {\n      id\n      greeting {\n        text\n        provider\n        model\n        generatedAt\n      }\n    }\n  }\n": typeof types.CustomerGreetingDocument,
    "\n  query CustomerJourney($id: ID!, $first: Int!, $after: String, $channels: [Channel!]) {\n    customer(id: $id) {\n      id\n      journey(first: $first, after: $after, channels: $channels) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            messageId\n            type\n            event\n            channel\n            occurredAt\n            source\n            properties\n            text\n            value {\n              amount\n              currency\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CustomerJourneyDocument,
    "\n  query CustomerMerges($id: ID!) {\n    customer(id: $id) {\n      id\n      mergeHistory {\n        id\n        at\n        by\n        rule\n        score\n        absorbedCustomerIds\n        undoneCustomerIds\n      }\n    }\n  }\n": typeof types.CustomerMergesDocument,
    "\n  mutation UnmergeCustomer($customerId: ID!, $reason: String!) {\n    unmergeCustomer(customerId: $customerId, reason: $reason) {\n      ok\n      errorCode\n      splitId\n      movedTouchpoints\n      restored {\n        id\n      }\n    }\n  }\n": typeof types.UnmergeCustomerDocument,
    "\n  query CustomerProfile($id: ID!) {\n    customer(id: $id) {\n      id\n      createdAt\n      updatedAt\n      version\n      restricted\n      identifiers {\n        type\n        typeName\n        value\n        firstSeenAt\n      }\n      goldenRecord {\n        givenName {\n          value\n          source\n          observedAt\n        }\n        familyName {\n          value\n          source\n          observedAt\n        }\n        birthDate {\n          value\n          source\n          observedAt\n        }\n        gender {\n          value\n          source\n          observedAt\n        }\n        address {\n          streetNumber\n          street\n          addressLine2\n          locality\n          postcode\n          region\n          country\n          source\n          observedAt\n        }\n        emails {\n          value\n          source\n          observedAt\n        }\n        phones {\n          value\n          source\n          observedAt\n        }\n      }\n    }\n  }\n": typeof types.CustomerProfileDocument,
    "\n  query CustomerRequests($id: ID!) {\n    customer(id: $id) {\n      id\n      dataSubjectRequests {\n        id\n        kind\n        status\n        receivedAt\n        dueAt\n        overdue\n        completedAt\n      }\n    }\n  }\n": typeof types.CustomerRequestsDocument,
    "\n  query Partners {\n    partners {\n      id\n      name\n      purposes\n      fields\n      webhookUrl\n      concurrency\n      createdAt\n    }\n  }\n": typeof types.PartnersDocument,
    "\n  mutation RegisterPartner($input: RegisterPartnerInput!) {\n    registerPartner(input: $input) {\n      secret\n      partner {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RegisterPartnerDocument,
    "\n  mutation RotatePartnerSecret($partnerId: ID!) {\n    rotatePartnerSecret(partnerId: $partnerId) {\n      secret\n      partner {\n        id\n      }\n    }\n  }\n": typeof types.RotatePartnerSecretDocument,
    "\n  query WebhookDeliveries($partnerId: ID!, $status: WebhookDeliveryStatus) {\n    webhookDeliveries(partnerId: $partnerId, status: $status, first: 50) {\n      id\n      customerId\n      version\n      status\n      attempts\n      nextAttemptAt\n      lastError\n      lastStatusCode\n      createdAt\n      deliveredAt\n      replays\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ReplayWebhookDeliveryDocument,
    "\n  query IdentityConflicts {\n    identityConflicts(first: 20) {\n      id\n      at\n      identifierType\n      reason\n      customerIds\n    }\n  }\n": typeof types.IdentityConflictsDocument,
    "\n  query ExplainLink($customerId: ID!, $type: IdentifierType!, $value: String!) {\n    explainLink(customerId: $customerId, type: $type, value: $value) {\n      customerId\n      originCustomerId\n      linkedAt\n      viaMessageId\n      identifier {\n        typeName\n        value\n      }\n      merges {\n        id\n        at\n        rule\n        score\n        by\n      }\n    }\n  }\n": typeof types.ExplainLinkDocument,
    "\n  query ReviewQueue($first: Int!) {\n    identityReviews(status: OPEN, first: $first) {\n      id\n      createdAt\n      score\n      messageId\n      comparisons {\n        field\n        level\n        weight\n      }\n      subject {\n        id\n      }\n      candidate {\n        id\n      }\n    }\n  }\n": typeof types.ReviewQueueDocument,
    "\n  query ReviewRecord($id: ID!) {\n    customer(id: $id) {\n      id\n      identifiers {\n        type\n        typeName\n        value\n      }\n      goldenRecord {\n        givenName {\n          value\n          source\n        }\n        familyName {\n          value\n          source\n        }\n        birthDate {\n          value\n          source\n        }\n        address {\n          street\n          locality\n          postcode\n          source\n        }\n      }\n    }\n  }\n": typeof types.ReviewRecordDocument,
    "\n  mutation ResolveReview($id: ID!, $decision: ReviewDecision!) {\n    resolveIdentityReview(id: $id, decision: $decision) {\n      ok\n      errorCode\n      customer {\n        id\n      }\n    }\n  }\n": typeof types.ResolveReviewDocument,
};
const documents: Documents = {
    "\n  query CompareAttribution($conversionEvent: String!, $from: DateTime!, $to: DateTime!, $lookbackDays: Int, $by: AttributionDimension) {\n    compareAttribution(conversionEvent: $conversionEvent, from: $from, to: $to, lookbackDays: $lookbackDays, by: $by) {\n      by\n      conversionEvent\n      conversions\n      unattributed\n      nonConverting\n      models\n      rows {\n        key\n        models {\n          model\n          conversions\n          low\n          high\n        }\n      }\n    }\n  }\n": types.CompareAttributionDocument,
    "\n  query Cohorts($from: DateTime!, $to: DateTime!, $weeks: Int) {\n    cohorts(from: $from, to: $to, weeks: $weeks) {\n      weekStart\n      size\n      retention {\n        week\n        active\n        rate\n      }\n    }\n  }\n": types.CohortsDocument,
    "\n  query Funnel($steps: [String!]!, $within: Int, $from: DateTime!, $to: DateTime!, $by: FunnelBreakdown) {\n    funnel(steps: $steps, within: $within, from: $from, to: $to, by: $by) {\n      steps {\n        name\n        count\n        conversionRate\n        stepConversionRate\n        dropOff\n      }\n      breakdown {\n        key\n        steps {\n          name\n          count\n          conversionRate\n          stepConversionRate\n          dropOff\n        }\n      }\n    }\n  }\n": types.FunnelDocument,
    "\n  query JourneyAlerts($from: DateTime!, $to: DateTime!) {\n    journeyAlerts(from: $from, to: $to) {\n      id\n      kind\n      metric\n      step\n      segment\n      from\n      to\n      baseline\n      observed\n      score\n      detectedAt\n    }\n  }\n": types.JourneyAlertsDocument,
    "\n  query Paths($to: String!, $from: String, $maxLength: Int, $since: DateTime!, $until: DateTime!) {\n    paths(to: $to, from: $from, maxLength: $maxLength, top: 10, since: $since, until: $until) {\n      conversions\n      paths {\n        steps\n        count\n      }\n      transitions {\n        step\n        from\n        to\n        count\n      }\n    }\n  }\n": types.PathsDocument,
    "\n  query AuditLog($subject: String, $first: Int) {\n    auditLog(subject: $subject, first: $first) {\n      seq\n      at\n      actor\n      action\n      subject\n      details\n    }\n  }\n": types.AuditLogDocument,
    "\n  query VerifyAuditChain {\n    verifyAuditChain {\n      valid\n      checked\n      brokenAtSeq\n      reason\n    }\n  }\n": types.VerifyAuditChainDocument,
    "\n  query OverdueRequests {\n    overdueRequests {\n      id\n      kind\n      status\n      customerId\n      dueAt\n      overdue\n      completedAt\n    }\n  }\n": types.OverdueRequestsDocument,
    "\n  query DataSubjectRequest($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      kind\n      customerId\n      status\n      requestedBy\n      receivedAt\n      dueAt\n      overdue\n      completedAt\n      failureReason\n      history {\n        at\n        status\n        note\n      }\n      receipt {\n        erasedAt\n        verifiedAt\n        verified\n        auditSeq\n        services {\n          service\n          deleted\n          deletedTotal\n          remainingTotal\n        }\n      }\n    }\n  }\n": types.DataSubjectRequestDocument,
    "\n  query DataSubjectRequestExport($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      exportDocument\n    }\n  }\n": types.DataSubjectRequestExportDocument,
    "\n  mutation LiftRestriction($requestId: ID!) {\n    liftRestriction(requestId: $requestId) {\n      id\n      status\n    }\n  }\n": types.LiftRestrictionDocument,
    "\n  mutation RequestErasure($input: DataSubjectInput!) {\n    requestErasure(input: $input) {\n      id\n    }\n  }\n": types.RequestErasureDocument,
    "\n  mutation RequestAccess($input: DataSubjectInput!) {\n    requestAccess(input: $input) {\n      id\n    }\n  }\n": types.RequestAccessDocument,
    "\n  mutation RequestRestriction($input: DataSubjectInput!) {\n    requestRestriction(input: $input) {\n      id\n    }\n  }\n": types.RequestRestrictionDocument,
    "\n  query DraftQueue {\n    drafts(status: PENDING_REVIEW, first: 20) {\n      id\n      customerId\n      channel\n      purpose\n      brief\n      version\n      createdAt\n      variants {\n        index\n        subject\n        headline\n        body\n        callToAction\n      }\n    }\n  }\n": types.DraftQueueDocument,
    "\n  mutation ApproveDraft($id: ID!) {\n    approveDraft(id: $id) {\n      id\n      status\n    }\n  }\n": types.ApproveDraftDocument,
    "\n  mutation RejectDraft($id: ID!, $reason: String!) {\n    rejectDraft(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.RejectDraftDocument,
    "\n  mutation EditDraft($id: ID!, $variants: [ContentVariantInput!]!, $note: String) {\n    editDraft(id: $id, variants: $variants, note: $note) {\n      id\n      version\n    }\n  }\n": types.EditDraftDocument,
    "\n  query Escalations($status: EscalationStatus) {\n    escalations(status: $status, first: 50) {\n      id\n      conversationId\n      customerId\n      status\n      reasons\n      intent\n      summary\n      sentimentTrend\n      createdAt\n      claimedBy\n      resolution\n    }\n  }\n": types.EscalationsDocument,
    "\n  mutation ClaimEscalation($id: ID!) {\n    claimEscalation(id: $id) {\n      id\n      status\n      claimedBy\n    }\n  }\n": types.ClaimEscalationDocument,
    "\n  mutation ResolveEscalation($id: ID!, $resolution: String!) {\n    resolveEscalation(id: $id, resolution: $resolution) {\n      id\n      status\n    }\n  }\n": types.ResolveEscalationDocument,
    "\n  query CustomerConsents($id: ID!) {\n    customer(id: $id) {\n      id\n      consents {\n        purpose\n        channel\n        status\n        source\n        lawfulBasis\n        policyVersion\n        recordedAt\n        isDefault\n      }\n    }\n  }\n": types.CustomerConsentsDocument,
    "\n  query CustomerConsentHistory($id: ID!) {\n    customer(id: $id) {\n      id\n      consentHistory {\n        purpose\n        channel\n        status\n        source\n        lawfulBasis\n        policyVersion\n        recordedAt\n        recordedBy\n      }\n    }\n  }\n": types.CustomerConsentHistoryDocument,
    "\n  query CustomerDrafts($id: ID!) {\n    customer(id: $id) {\n      id\n      contentDrafts {\n        id\n        channel\n        purpose\n        status\n        createdAt\n        variants {\n          index\n          body\n        }\n      }\n    }\n  }\n": types.CustomerDraftsDocument,
    "\n  query FindCustomer($type: IdentifierType!, $value: String!) {\n    customerByIdentifier(type: $type, value: $value) {\n      id\n    }\n  }\n": types.FindCustomerDocument,
    "\n  query CustomerById($id: ID!) {\n    customer(id: $id) {\n      id\n    }\n  }\n": types.CustomerByIdDocument,
    "\n  query CustomerEngagement($id: ID!) {\n    customer(id: $id) {\n      id\n      engagement {\n        touchCount\n        firstSeenAt\n        lastSeenAt\n        lastChannel\n        withheld\n        channels {\n          channel\n          touchCount\n          lastSeenAt\n        }\n      }\n      journeyStage {\n        stage\n        rule {\n          events\n          minCount\n        }\n        evidence {\n          messageId\n          eventKey\n          channel\n          occurredAt\n        }\n      }\n      sessions {\n        family\n        startedAt\n        endedAt\n        touchpointCount\n        channels\n        eventNames\n      }\n    }\n  }\n": types.CustomerEngagementDocument,
    "\n  query CustomerGreeting($id: ID!) {\n    customer(id: $id) {\n      id\n      greeting {\n        text\n        provider\n        model\n        generatedAt\n      }\n    }\n  }\n": types.CustomerGreetingDocument,
    "\n  query CustomerJourney($id: ID!, $first: Int!, $after: String, $channels: [Channel!]) {\n    customer(id: $id) {\n      id\n      journey(first: $first, after: $after, channels: $channels) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            messageId\n            type\n            event\n            channel\n            occurredAt\n            source\n            properties\n            text\n            value {\n              amount\n              currency\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CustomerJourneyDocument,
    "\n  query CustomerMerges($id: ID!) {\n    customer(id: $id) {\n      id\n      mergeHistory {\n        id\n        at\n        by\n        rule\n        score\n        absorbedCustomerIds\n        undoneCustomerIds\n      }\n    }\n  }\n": types.CustomerMergesDocument,
    "\n  mutation UnmergeCustomer($customerId: ID!, $reason: String!) {\n    unmergeCustomer(customerId: $customerId, reason: $reason) {\n      ok\n      errorCode\n      splitId\n      movedTouchpoints\n      restored {\n        id\n      }\n    }\n  }\n": types.UnmergeCustomerDocument,
    "\n  query CustomerProfile($id: ID!) {\n    customer(id: $id) {\n      id\n      createdAt\n      updatedAt\n      version\n      restricted\n      identifiers {\n        type\n        typeName\n        value\n        firstSeenAt\n      }\n      goldenRecord {\n        givenName {\n          value\n          source\n          observedAt\n        }\n        familyName {\n          value\n          source\n          observedAt\n        }\n        birthDate {\n          value\n          source\n          observedAt\n        }\n        gender {\n          value\n          source\n          observedAt\n        }\n        address {\n          streetNumber\n          street\n          addressLine2\n          locality\n          postcode\n          region\n          country\n          source\n          observedAt\n        }\n        emails {\n          value\n          source\n          observedAt\n        }\n        phones {\n          value\n          source\n          observedAt\n        }\n      }\n    }\n  }\n": types.CustomerProfileDocument,
    "\n  query CustomerRequests($id: ID!) {\n    customer(id: $id) {\n      id\n      dataSubjectRequests {\n        id\n        kind\n        status\n        receivedAt\n        dueAt\n        overdue\n        completedAt\n      }\n    }\n  }\n": types.CustomerRequestsDocument,
    "\n  query Partners {\n    partners {\n      id\n      name\n      purposes\n      fields\n      webhookUrl\n      concurrency\n      createdAt\n    }\n  }\n": types.PartnersDocument,
    "\n  mutation RegisterPartner($input: RegisterPartnerInput!) {\n    registerPartner(input: $input) {\n      secret\n      partner {\n        id\n        name\n      }\n    }\n  }\n": types.RegisterPartnerDocument,
    "\n  mutation RotatePartnerSecret($partnerId: ID!) {\n    rotatePartnerSecret(partnerId: $partnerId) {\n      secret\n      partner {\n        id\n      }\n    }\n  }\n": types.RotatePartnerSecretDocument,
    "\n  query WebhookDeliveries($partnerId: ID!, $status: WebhookDeliveryStatus) {\n    webhookDeliveries(partnerId: $partnerId, status: $status, first: 50) {\n      id\n      customerId\n      version\n      status\n      attempts\n      nextAttemptAt\n      lastError\n      lastStatusCode\n      createdAt\n      deliveredAt\n      replays\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      id\n      status\n    }\n  }\n": types.ReplayWebhookDeliveryDocument,
    "\n  query IdentityConflicts {\n    identityConflicts(first: 20) {\n      id\n      at\n      identifierType\n      reason\n      customerIds\n    }\n  }\n": types.IdentityConflictsDocument,
    "\n  query ExplainLink($customerId: ID!, $type: IdentifierType!, $value: String!) {\n    explainLink(customerId: $customerId, type: $type, value: $value) {\n      customerId\n      originCustomerId\n      linkedAt\n      viaMessageId\n      identifier {\n        typeName\n        value\n      }\n      merges {\n        id\n        at\n        rule\n        score\n        by\n      }\n    }\n  }\n": types.ExplainLinkDocument,
    "\n  query ReviewQueue($first: Int!) {\n    identityReviews(status: OPEN, first: $first) {\n      id\n      createdAt\n      score\n      messageId\n      comparisons {\n        field\n        level\n        weight\n      }\n      subject {\n        id\n      }\n      candidate {\n        id\n      }\n    }\n  }\n": types.ReviewQueueDocument,
    "\n  query ReviewRecord($id: ID!) {\n    customer(id: $id) {\n      id\n      identifiers {\n        type\n        typeName\n        value\n      }\n      goldenRecord {\n        givenName {\n          value\n          source\n        }\n        familyName {\n          value\n          source\n        }\n        birthDate {\n          value\n          source\n        }\n        address {\n          street\n          locality\n          postcode\n          source\n        }\n      }\n    }\n  }\n": types.ReviewRecordDocument,
    "\n  mutation ResolveReview($id: ID!, $decision: ReviewDecision!) {\n    resolveIdentityReview(id: $id, decision: $decision) {\n      ok\n      errorCode\n      customer {\n        id\n      }\n    }\n  }\n": types.ResolveReviewDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompareAttribution($conversionEvent: String!, $from: DateTime!, $to: DateTime!, $lookbackDays: Int, $by: AttributionDimension) {\n    compareAttribution(conversionEvent: $conversionEvent, from: $from, to: $to, lookbackDays: $lookbackDays, by: $by) {\n      by\n      conversionEvent\n      conversions\n      unattributed\n      nonConverting\n      models\n      rows {\n        key\n        models {\n          model\n          conversions\n          low\n          high\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompareAttribution($conversionEvent: String!, $from: DateTime!, $to: DateTime!, $lookbackDays: Int, $by: AttributionDimension) {\n    compareAttribution(conversionEvent: $conversionEvent, from: $from, to: $to, lookbackDays: $lookbackDays, by: $by) {\n      by\n      conversionEvent\n      conversions\n      unattributed\n      nonConverting\n      models\n      rows {\n        key\n        models {\n          model\n          conversions\n          low\n          high\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Cohorts($from: DateTime!, $to: DateTime!, $weeks: Int) {\n    cohorts(from: $from, to: $to, weeks: $weeks) {\n      weekStart\n      size\n      retention {\n        week\n        active\n        rate\n      }\n    }\n  }\n"): (typeof documents)["\n  query Cohorts($from: DateTime!, $to: DateTime!, $weeks: Int) {\n    cohorts(from: $from, to: $to, weeks: $weeks) {\n      weekStart\n      size\n      retention {\n        week\n        active\n        rate\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Funnel($steps: [String!]!, $within: Int, $from: DateTime!, $to: DateTime!, $by: FunnelBreakdown) {\n    funnel(steps: $steps, within: $within, from: $from, to: $to, by: $by) {\n      steps {\n        name\n        count\n        conversionRate\n        stepConversionRate\n        dropOff\n      }\n      breakdown {\n        key\n        steps {\n          name\n          count\n          conversionRate\n          stepConversionRate\n          dropOff\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Funnel($steps: [String!]!, $within: Int, $from: DateTime!, $to: DateTime!, $by: FunnelBreakdown) {\n    funnel(steps: $steps, within: $within, from: $from, to: $to, by: $by) {\n      steps {\n        name\n        count\n        conversionRate\n        stepConversionRate\n        dropOff\n      }\n      breakdown {\n        key\n        steps {\n          name\n          count\n          conversionRate\n          stepConversionRate\n          dropOff\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JourneyAlerts($from: DateTime!, $to: DateTime!) {\n    journeyAlerts(from: $from, to: $to) {\n      id\n      kind\n      metric\n      step\n      segment\n      from\n      to\n      baseline\n      observed\n      score\n      detectedAt\n    }\n  }\n"): (typeof documents)["\n  query JourneyAlerts($from: DateTime!, $to: DateTime!) {\n    journeyAlerts(from: $from, to: $to) {\n      id\n      kind\n      metric\n      step\n      segment\n      from\n      to\n      baseline\n      observed\n      score\n      detectedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Paths($to: String!, $from: String, $maxLength: Int, $since: DateTime!, $until: DateTime!) {\n    paths(to: $to, from: $from, maxLength: $maxLength, top: 10, since: $since, until: $until) {\n      conversions\n      paths {\n        steps\n        count\n      }\n      transitions {\n        step\n        from\n        to\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query Paths($to: String!, $from: String, $maxLength: Int, $since: DateTime!, $until: DateTime!) {\n    paths(to: $to, from: $from, maxLength: $maxLength, top: 10, since: $since, until: $until) {\n      conversions\n      paths {\n        steps\n        count\n      }\n      transitions {\n        step\n        from\n        to\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($subject: String, $first: Int) {\n    auditLog(subject: $subject, first: $first) {\n      seq\n      at\n      actor\n      action\n      subject\n      details\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($subject: String, $first: Int) {\n    auditLog(subject: $subject, first: $first) {\n      seq\n      at\n      actor\n      action\n      subject\n      details\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyAuditChain {\n    verifyAuditChain {\n      valid\n      checked\n      brokenAtSeq\n      reason\n    }\n  }\n"): (typeof documents)["\n  query VerifyAuditChain {\n    verifyAuditChain {\n      valid\n      checked\n      brokenAtSeq\n      reason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverdueRequests {\n    overdueRequests {\n      id\n      kind\n      status\n      customerId\n      dueAt\n      overdue\n      completedAt\n    }\n  }\n"): (typeof documents)["\n  query OverdueRequests {\n    overdueRequests {\n      id\n      kind\n      status\n      customerId\n      dueAt\n      overdue\n      completedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DataSubjectRequest($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      kind\n      customerId\n      status\n      requestedBy\n      receivedAt\n      dueAt\n      overdue\n      completedAt\n      failureReason\n      history {\n        at\n        status\n        note\n      }\n      receipt {\n        erasedAt\n        verifiedAt\n        verified\n        auditSeq\n        services {\n          service\n          deleted\n          deletedTotal\n          remainingTotal\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DataSubjectRequest($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      kind\n      customerId\n      status\n      requestedBy\n      receivedAt\n      dueAt\n      overdue\n      completedAt\n      failureReason\n      history {\n        at\n        status\n        note\n      }\n      receipt {\n        erasedAt\n        verifiedAt\n        verified\n        auditSeq\n        services {\n          service\n          deleted\n          deletedTotal\n          remainingTotal\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DataSubjectRequestExport($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      exportDocument\n    }\n  }\n"): (typeof documents)["\n  query DataSubjectRequestExport($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      exportDocument\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LiftRestriction($requestId: ID!) {\n    liftRestriction(requestId: $requestId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation LiftRestriction($requestId: ID!) {\n    liftRestriction(requestId: $requestId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestErasure($input: DataSubjectInput!) {\n    requestErasure(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RequestErasure($input: DataSubjectInput!) {\n    requestErasure(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestAccess($input: DataSubjectInput!) {\n    requestAccess(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RequestAccess($input: DataSubjectInput!) {\n    requestAccess(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestRestriction($input: DataSubjectInput!) {\n    requestRestriction(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RequestRestriction($input: DataSubjectInput!) {\n    requestRestriction(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DraftQueue {\n    drafts(status: PENDING_REVIEW, first: 20) {\n      id\n      customerId\n      channel\n      purpose\n      brief\n      version\n      createdAt\n      variants {\n        index\n        subject\n        headline\n        body\n        callToAction\n      }\n    }\n  }\n"): (typeof documents)["\n  query DraftQueue {\n    drafts(status: PENDING_REVIEW, first: 20) {\n      id\n      customerId\n      channel\n      purpose\n      brief\n      version\n      createdAt\n      variants {\n        index\n        subject\n        headline\n        body\n        callToAction\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveDraft($id: ID!) {\n    approveDraft(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveDraft($id: ID!) {\n    approveDraft(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectDraft($id: ID!, $reason: String!) {\n    rejectDraft(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RejectDraft($id: ID!, $reason: String!) {\n    rejectDraft(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditDraft($id: ID!, $variants: [ContentVariantInput!]!, $note: String) {\n    editDraft(id: $id, variants: $variants, note: $note) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation EditDraft($id: ID!, $variants: [ContentVariantInput!]!, $note: String) {\n    editDraft(id: $id, variants: $variants, note: $note) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Escalations($status: EscalationStatus) {\n    escalations(status: $status, first: 50) {\n      id\n      conversationId\n      customerId\n      status\n      reasons\n      intent\n      summary\n      sentimentTrend\n      createdAt\n      claimedBy\n      resolution\n    }\n  }\n"): (typeof documents)["\n  query Escalations($status: EscalationStatus) {\n    escalations(status: $status, first: 50) {\n      id\n      conversationId\n      customerId\n      status\n      reasons\n      intent\n      summary\n      sentimentTrend\n      createdAt\n      claimedBy\n      resolution\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClaimEscalation($id: ID!) {\n    claimEscalation(id: $id) {\n      id\n      status\n      claimedBy\n    }\n  }\n"): (typeof documents)["\n  mutation ClaimEscalation($id: ID!) {\n    claimEscalation(id: $id) {\n      id\n      status\n      claimedBy\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveEscalation($id: ID!, $resolution: String!) {\n    resolveEscalation(id: $id, resolution: $resolution) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveEscalation($id: ID!, $resolution: String!) {\n    resolveEscalation(id: $id, resolution: $resolution) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerConsents($id: ID!) {\n    customer(id: $id) {\n      id\n      consents {\n        purpose\n        channel\n        status\n        source\n        lawfulBasis\n        policyVersion\n        recordedAt\n        isDefault\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerConsents($id: ID!) {\n    customer(id: $id) {\n      id\n      consents {\n        purpose\n        channel\n        status\n        source\n        lawfulBasis\n        policyVersion\n        recordedAt\n        isDefault\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerConsentHistory($id: ID!) {\n    customer(id: $id) {\n      id\n      consentHistory {\n        purpose\n        channel\n        status\n        source\n        lawfulBasis\n        policyVersion\n        recordedAt\n        recordedBy\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerConsentHistory($id: ID!) {\n    customer(id: $id) {\n      id\n      consentHistory {\n        purpose\n        channel\n        status\n        source\n        lawfulBasis\n        policyVersion\n        recordedAt\n        recordedBy\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerDrafts($id: ID!) {\n    customer(id: $id) {\n      id\n      contentDrafts {\n        id\n        channel\n        purpose\n        status\n        createdAt\n        variants {\n          index\n          body\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerDrafts($id: ID!) {\n    customer(id: $id) {\n      id\n      contentDrafts {\n        id\n        channel\n        purpose\n        status\n        createdAt\n        variants {\n          index\n          body\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindCustomer($type: IdentifierType!, $value: String!) {\n    customerByIdentifier(type: $type, value: $value) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query FindCustomer($type: IdentifierType!, $value: String!) {\n    customerByIdentifier(type: $type, value: $value) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerById($id: ID!) {\n    customer(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query CustomerById($id: ID!) {\n    customer(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerEngagement($id: ID!) {\n    customer(id: $id) {\n      id\n      engagement {\n        touchCount\n        firstSeenAt\n        lastSeenAt\n        lastChannel\n        withheld\n        channels {\n          channel\n          touchCount\n          lastSeenAt\n        }\n      }\n      journeyStage {\n        stage\n        rule {\n          events\n          minCount\n        }\n        evidence {\n          messageId\n          eventKey\n          channel\n          occurredAt\n        }\n      }\n      sessions {\n        family\n        startedAt\n        endedAt\n        touchpointCount\n        channels\n        eventNames\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerEngagement($id: ID!) {\n    customer(id: $id) {\n      id\n      engagement {\n        touchCount\n        firstSeenAt\n        lastSeenAt\n        lastChannel\n        withheld\n        channels {\n          channel\n          touchCount\n          lastSeenAt\n        }\n      }\n      journeyStage {\n        stage\n        rule {\n          events\n          minCount\n        }\n        evidence {\n          messageId\n          eventKey\n          channel\n          occurredAt\n        }\n      }\n      sessions {\n        family\n        startedAt\n        endedAt\n        touchpointCount\n        channels\n        eventNames\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerGreeting($id: ID!) {\n    customer(id: $id) {\n      id\n      greeting {\n        text\n        provider\n        model\n        generatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerGreeting($id: ID!) {\n    customer(id: $id) {\n      id\n      greeting {\n        text\n        provider\n        model\n        generatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerJourney($id: ID!, $first: Int!, $after: String, $channels: [Channel!]) {\n    customer(id: $id) {\n      id\n      journey(first: $first, after: $after, channels: $channels) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            messageId\n            type\n            event\n            channel\n            occurredAt\n            source\n            properties\n            text\n            value {\n              amount\n              currency\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerJourney($id: ID!, $first: Int!, $after: String, $channels: [Channel!]) {\n    customer(id: $id) {\n      id\n      journey(first: $first, after: $after, channels: $channels) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            messageId\n            type\n            event\n            channel\n            occurredAt\n            source\n            properties\n            text\n            value {\n              amount\n              currency\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerMerges($id: ID!) {\n    customer(id: $id) {\n      id\n      mergeHistory {\n        id\n        at\n        by\n        rule\n        score\n        absorbedCustomerIds\n        undoneCustomerIds\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerMerges($id: ID!) {\n    customer(id: $id) {\n      id\n      mergeHistory {\n        id\n        at\n        by\n        rule\n        score\n        absorbedCustomerIds\n        undoneCustomerIds\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnmergeCustomer($customerId: ID!, $reason: String!) {\n    unmergeCustomer(customerId: $customerId, reason: $reason) {\n      ok\n      errorCode\n      splitId\n      movedTouchpoints\n      restored {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UnmergeCustomer($customerId: ID!, $reason: String!) {\n    unmergeCustomer(customerId: $customerId, reason: $reason) {\n      ok\n      errorCode\n      splitId\n      movedTouchpoints\n      restored {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerProfile($id: ID!) {\n    customer(id: $id) {\n      id\n      createdAt\n      updatedAt\n      version\n      restricted\n      identifiers {\n        type\n        typeName\n        value\n        firstSeenAt\n      }\n      goldenRecord {\n        givenName {\n          value\n          source\n          observedAt\n        }\n        familyName {\n          value\n          source\n          observedAt\n        }\n        birthDate {\n          value\n          source\n          observedAt\n        }\n        gender {\n          value\n          source\n          observedAt\n        }\n        address {\n          streetNumber\n          street\n          addressLine2\n          locality\n          postcode\n          region\n          country\n          source\n          observedAt\n        }\n        emails {\n          value\n          source\n          observedAt\n        }\n        phones {\n          value\n          source\n          observedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerProfile($id: ID!) {\n    customer(id: $id) {\n      id\n      createdAt\n      updatedAt\n      version\n      restricted\n      identifiers {\n        type\n        typeName\n        value\n        firstSeenAt\n      }\n      goldenRecord {\n        givenName {\n          value\n          source\n          observedAt\n        }\n        familyName {\n          value\n          source\n          observedAt\n        }\n        birthDate {\n          value\n          source\n          observedAt\n        }\n        gender {\n          value\n          source\n          observedAt\n        }\n        address {\n          streetNumber\n          street\n          addressLine2\n          locality\n          postcode\n          region\n          country\n          source\n          observedAt\n        }\n        emails {\n          value\n          source\n          observedAt\n        }\n        phones {\n          value\n          source\n          observedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerRequests($id: ID!) {\n    customer(id: $id) {\n      id\n      dataSubjectRequests {\n        id\n        kind\n        status\n        receivedAt\n        dueAt\n        overdue\n        completedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerRequests($id: ID!) {\n    customer(id: $id) {\n      id\n      dataSubjectRequests {\n        id\n        kind\n        status\n        receivedAt\n        dueAt\n        overdue\n        completedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Partners {\n    partners {\n      id\n      name\n      purposes\n      fields\n      webhookUrl\n      concurrency\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query Partners {\n    partners {\n      id\n      name\n      purposes\n      fields\n      webhookUrl\n      concurrency\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterPartner($input: RegisterPartnerInput!) {\n    registerPartner(input: $input) {\n      secret\n      partner {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterPartner($input: RegisterPartnerInput!) {\n    registerPartner(input: $input) {\n      secret\n      partner {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotatePartnerSecret($partnerId: ID!) {\n    rotatePartnerSecret(partnerId: $partnerId) {\n      secret\n      partner {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RotatePartnerSecret($partnerId: ID!) {\n    rotatePartnerSecret(partnerId: $partnerId) {\n      secret\n      partner {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($partnerId: ID!, $status: WebhookDeliveryStatus) {\n    webhookDeliveries(partnerId: $partnerId, status: $status, first: 50) {\n      id\n      customerId\n      version\n      status\n      attempts\n      nextAttemptAt\n      lastError\n      lastStatusCode\n      createdAt\n      deliveredAt\n      replays\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeliveries($partnerId: ID!, $status: WebhookDeliveryStatus) {\n    webhookDeliveries(partnerId: $partnerId, status: $status, first: 50) {\n      id\n      customerId\n      version\n      status\n      attempts\n      nextAttemptAt\n      lastError\n      lastStatusCode\n      createdAt\n      deliveredAt\n      replays\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdentityConflicts {\n    identityConflicts(first: 20) {\n      id\n      at\n      identifierType\n      reason\n      customerIds\n    }\n  }\n"): (typeof documents)["\n  query IdentityConflicts {\n    identityConflicts(first: 20) {\n      id\n      at\n      identifierType\n      reason\n      customerIds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplainLink($customerId: ID!, $type: IdentifierType!, $value: String!) {\n    explainLink(customerId: $customerId, type: $type, value: $value) {\n      customerId\n      originCustomerId\n      linkedAt\n      viaMessageId\n      identifier {\n        typeName\n        value\n      }\n      merges {\n        id\n        at\n        rule\n        score\n        by\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExplainLink($customerId: ID!, $type: IdentifierType!, $value: String!) {\n    explainLink(customerId: $customerId, type: $type, value: $value) {\n      customerId\n      originCustomerId\n      linkedAt\n      viaMessageId\n      identifier {\n        typeName\n        value\n      }\n      merges {\n        id\n        at\n        rule\n        score\n        by\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewQueue($first: Int!) {\n    identityReviews(status: OPEN, first: $first) {\n      id\n      createdAt\n      score\n      messageId\n      comparisons {\n        field\n        level\n        weight\n      }\n      subject {\n        id\n      }\n      candidate {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewQueue($first: Int!) {\n    identityReviews(status: OPEN, first: $first) {\n      id\n      createdAt\n      score\n      messageId\n      comparisons {\n        field\n        level\n        weight\n      }\n      subject {\n        id\n      }\n      candidate {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewRecord($id: ID!) {\n    customer(id: $id) {\n      id\n      identifiers {\n        type\n        typeName\n        value\n      }\n      goldenRecord {\n        givenName {\n          value\n          source\n        }\n        familyName {\n          value\n          source\n        }\n        birthDate {\n          value\n          source\n        }\n        address {\n          street\n          locality\n          postcode\n          source\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewRecord($id: ID!) {\n    customer(id: $id) {\n      id\n      identifiers {\n        type\n        typeName\n        value\n      }\n      goldenRecord {\n        givenName {\n          value\n          source\n        }\n        familyName {\n          value\n          source\n        }\n        birthDate {\n          value\n          source\n        }\n        address {\n          street\n          locality\n          postcode\n          source\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveReview($id: ID!, $decision: ReviewDecision!) {\n    resolveIdentityReview(id: $id, decision: $decision) {\n      ok\n      errorCode\n      customer {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveReview($id: ID!, $decision: ReviewDecision!) {\n    resolveIdentityReview(id: $id, decision: $decision) {\n      ok\n      errorCode\n      customer {\n        id\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;