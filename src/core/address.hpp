// Unit addresses as people write them (1幢1单元101室, 1-1-101, １栋１单元１０１), reduced to one key that a
// part keeps and a typed query is matched against, so that an address search reads an index, not the registry.
#pragma once
#include <string>
#include <string_view>

namespace weizhi {

// The numbered segments of an address (building, unit, room), joined by "-": "3幢2单元501室" and
// "西四苑 3-2-501" both give "3-2-501". A segment is a run of digits and Latin letters (full-width ones
// read as ASCII, letters upper-cased, leading zeros dropped); everything else — 幢, 栋, 号楼, 座, 单元,
// 室, 号, dashes, spaces, the compound's name — only separates segments. Chinese numerals are not read
// as digits, since compound names use them as words (西四苑).
std::string address_key(std::string_view text);

// The keys of the addresses a partial query means, as the byte-order range [first, end): its own key
// and the keys that continue it. A query that ends after a finished segment means that segment whole
// ("1幢1单元" finds "1-1-101" but not "1-10-101"); one that ends on a digit may still be typed on
// ("1-1-10" finds "1-1-101"). Empty (first == end) when the query has no segment.
struct AddressKeyRange {
  std::string first;
  std::string end;
};
AddressKeyRange address_key_range(std::string_view query);

// The words before the query's first segment, spaces trimmed: the compound it names, if any
// ("西四苑 3-2-501" gives "西四苑").
std::string address_place(std::string_view text);

}  // namespace weizhi
