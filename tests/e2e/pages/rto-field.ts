import type { Locator, Page } from 'playwright-core';
import { chooseOption } from '../support/mantine.js';

/** An RTO as the user picks it: "within N <unit>", "N <unit> or more", or one of the two states. */
export type RtoChoice =
  | { within: number; unit: '分' | '時間' | '日' }
  | { atLeast: number; unit: '分' | '時間' | '日' }
  | 'リスク受容'
  | '規定なし'
  | '指定しない';

/**
 * One RTO field (a group named by its label: a kind select, and for a duration an amount and a
 * unit). Used by the BIA settings' RTO table and by the inventory forms.
 */
export class RtoField {
  constructor(
    readonly page: Page,
    readonly label: string,
    readonly scope: Locator = page.getByRole('main'),
  ) {}

  group(): Locator {
    return this.scope.getByRole('group', { name: this.label, exact: true });
  }

  kind(): Locator {
    return this.group().getByRole('combobox', { name: `${this.label}：種類` });
  }

  amount(): Locator {
    return this.group().getByRole('textbox', { name: `${this.label}：数` });
  }

  unit(): Locator {
    return this.group().getByRole('combobox', { name: `${this.label}：単位` });
  }

  async set(value: RtoChoice): Promise<void> {
    if (typeof value === 'string') {
      await chooseOption(this.kind(), value);
      return;
    }
    const isWithin = 'within' in value;
    const kind = isWithin ? '以内に戻す' : '以上かかってよい';
    if ((await this.kind().inputValue()) !== kind) await chooseOption(this.kind(), kind);
    // The number first: a change of unit keeps the number and scales the time, while a unit
    // picked next to 0 does not stick (0 minutes shows as 0 hours).
    await this.amount().fill(String(isWithin ? value.within : value.atLeast));
    if ((await this.unit().inputValue()) !== value.unit) await chooseOption(this.unit(), value.unit);
  }

  /** What the field shows: "3 時間 以内に戻す", "リスク受容" … */
  async read(): Promise<string> {
    const kind = await this.kind().inputValue();
    if ((await this.amount().count()) === 0) return kind;
    return `${await this.amount().inputValue()} ${await this.unit().inputValue()} ${kind}`;
  }
}
