// Staff accounts (with their password hashes) and revoked sessions (see README.md).

import type { Account } from "../../shared/access/account";
import type { StoredAccount, UserStore } from "../ports";
import type { Db, Item } from "./db";
import { GSI1, keys } from "./table";

export function usersRepo(db: Db): UserStore {
  const item = (account: StoredAccount) => ({ ...keys.user(account.username), type: "User", ...account });
  return {
    async getUser(username) {
      const { pk, sk } = keys.user(username);
      const found = await db.get(pk, sk, true);
      return found ? toAccount(found) : undefined;
    },
    async listUsers() {
      return (await db.queryIndex(GSI1, "gsi1pk", keys.allUsers().gsi1pk)).map(
        (found) => withoutHash(toAccount(found)) as Account,
      );
    },
    createUser(account) {
      return db.putIf(item(account), "attribute_not_exists(pk)");
    },
    updateUser(account, previousVersion) {
      // Every change raises updatedAt; the condition keeps two admins from silently undoing each other.
      return db.putIf(item(account), "updatedAt = :previous", { ":previous": previousVersion });
    },
    async revokeSession(jti, expiresAt) {
      // expiresAt (epoch seconds) is the table's TTL attribute: the entry goes when the token would have.
      await db.put({ ...keys.revokedSession(jti), type: "RevokedSession", expiresAt });
    },
    async isRevoked(jti) {
      const { pk, sk } = keys.revokedSession(jti);
      return (await db.get(pk, sk, true)) !== undefined;
    },
  };
}

function toAccount(found: Item): StoredAccount {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...rest } = found;
  return rest as unknown as StoredAccount;
}

const withoutHash = ({ passwordHash: _hash, ...account }: StoredAccount) => account;
