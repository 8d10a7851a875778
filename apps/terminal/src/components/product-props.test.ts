import { expect, test } from 'vitest';
import { productProps } from './product-props.js';

test('the card lists properties and characteristics by name, empty ones left out', () => {
  expect(productProps({ props: { Цвет: 'Коричневый', Размер: '39', Пусто: ' ' } })).toEqual([
    ['Размер', '39'],
    ['Цвет', 'Коричневый'],
  ]);
  expect(productProps({})).toEqual([]);
});
