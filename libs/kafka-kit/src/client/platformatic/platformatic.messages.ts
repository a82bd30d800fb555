// User-facing text of the @platformatic/kafka driver.

export const transactionsUnsupported =
  "driver 'platformatic' does not run Kafka transactions (@platformatic/kafka adds consumer offsets to a transaction only for messages its own stream consumed): use driver 'kafkajs' for a transactional producer";
