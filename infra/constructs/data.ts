// The DynamoDB table, with the key schema and indexes the data module defines (functions/store/table.ts).

import { RemovalPolicy } from "aws-cdk-lib";
import {
  AttributeType,
  Billing,
  type GlobalSecondaryIndexPropsV2,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";
import { TABLE_KEYS } from "../../functions/store/table";

export interface DataProps {
  /** prod keeps the table on stack deletion and refuses to delete it; dev cleans up. */
  readonly stage: "dev" | "prod";
}

const attributeType = (name: string): AttributeType => {
  const type = TABLE_KEYS.attributes.find((attribute) => attribute.AttributeName === name)?.AttributeType;
  if (type !== "S") throw new Error(`unexpected attribute type for ${name}`);
  return AttributeType.STRING;
};

export class Data extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const [partition, sort] = TABLE_KEYS.keySchema.map((key) => key.AttributeName as string);
    const globalSecondaryIndexes: GlobalSecondaryIndexPropsV2[] = TABLE_KEYS.globalSecondaryIndexes.map((index) => {
      const [indexPartition, indexSort] = (index.KeySchema ?? []).map((key) => key.AttributeName as string);
      return {
        indexName: index.IndexName as string,
        partitionKey: { name: indexPartition as string, type: attributeType(indexPartition as string) },
        sortKey: { name: indexSort as string, type: attributeType(indexSort as string) },
      };
    });
    const prod = props.stage === "prod";
    this.table = new TableV2(this, "Table", {
      partitionKey: { name: partition as string, type: attributeType(partition as string) },
      sortKey: { name: sort as string, type: attributeType(sort as string) },
      globalSecondaryIndexes,
      // On-demand: reporting is bursty (deadlines, imports) and idle most of the month.
      billing: Billing.onDemand(),
      // Reports are the record of what units filed: keep 35 days of point-in-time recovery.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The AWS managed KMS key (aws/dynamodb): key use shows in CloudTrail, with no key to administer.
      encryption: TableEncryptionV2.awsManagedKey(),
      // Revoked local sessions (functions/store/users-repo.ts) expire with the token they revoke.
      timeToLiveAttribute: "expiresAt",
      // Keys only: the read-model Lambda needs to know which items changed, and reads the sources itself.
      dynamoStream: StreamViewType.KEYS_ONLY,
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }
}
