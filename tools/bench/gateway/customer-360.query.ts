/** The customer 360 a frontend asks for: every subgraph answers part of it. Read by the gateway bench and the deploy drill. */
export const CUSTOMER_360_QUERY = /* GraphQL */ `
  query Customer360($id: ID!) {
    customer(id: $id) {
      id
      version
      identifiers {
        type
        value
      }
      journey(first: 10) {
        totalCount
        edges {
          node {
            messageId
            channel
            occurredAt
          }
        }
      }
      engagement {
        touchCount
        lastChannel
      }
      consents {
        purpose
        status
      }
      greeting {
        text
        provider
      }
    }
  }
`;
