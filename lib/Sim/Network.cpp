//===- Network.cpp - mesh network timing of one step ----------------------===//

#include "snnc/Sim/Network.h"

#include <algorithm>
#include <tuple>

using namespace snnc::sim;

namespace {
enum Direction : uint32_t { East, West, North, South };
} // namespace

Network::Network(const image::CostModel &cost, const std::vector<Tile> &used)
    : cyclePs_(cost.cyclePs), hopEastWestPs_(cost.hopEastWestPs),
      hopNorthSouthPs_(cost.hopNorthSouthPs) {
  if (used.empty())
    return;
  Tile lo = used.front(), hi = used.front();
  for (const Tile &t : used) {
    lo = {std::min(lo.x, t.x), std::min(lo.y, t.y)};
    hi = {std::max(hi.x, t.x), std::max(hi.y, t.y)};
  }
  origin_ = lo;
  boxWidth_ = hi.x - lo.x + 1;
  linkFree_.assign(uint64_t(boxWidth_) * (hi.y - lo.y + 1) * 4, 0);
}

Network::Drain Network::drain() {
  Drain d;
  d.messages = messages_.size();
  // Min-heap on (time, message): FIFO per link by arrival, then send order.
  auto later = [](const Event &a, const Event &b) {
    return a.time != b.time ? a.time > b.time : a.message > b.message;
  };
  heap_.clear();
  for (uint32_t i = 0; i < messages_.size(); ++i) {
    const Message &m = messages_[i];
    if (m.at.x != m.to.x || m.at.y != m.to.y)
      heap_.push_back({0, i});
  }
  std::make_heap(heap_.begin(), heap_.end(), later);
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    Event &e = heap_.back();
    Message &m = messages_[e.message];
    if (m.at.x == m.to.x && m.at.y == m.to.y) {
      d.timePs = std::max(d.timePs, e.time);
      heap_.pop_back();
      continue;
    }
    Direction dir;
    if (m.at.x != m.to.x)
      dir = m.at.x < m.to.x ? East : West;
    else
      dir = m.at.y < m.to.y ? North : South;
    const uint32_t link =
        ((m.at.y - origin_.y) * boxWidth_ + (m.at.x - origin_.x)) * 4 + dir;
    uint64_t &free = linkFree_[link];
    if (free == 0)
      usedLinks_.push_back(link);
    if (free > e.time) {
      // Work-conserving FIFO: the link is busy from before t until `free`
      // with back-to-back starts, so ceil((free - t) / cycle) - 1 messages
      // have not started yet; with this one, that many wait.
      d.maxQueue =
          std::max(d.maxQueue, (free - e.time + cyclePs_ - 1) / cyclePs_);
    }
    const uint64_t start = std::max(free, e.time);
    free = start + cyclePs_;
    if (!linkMessages_.empty())
      ++linkMessages_[link];
    if (dir == East || dir == West) {
      m.at.x += dir == East ? 1 : -1;
      ++d.hopsEastWest;
      e.time = start + hopEastWestPs_;
    } else {
      m.at.y += dir == North ? 1 : -1;
      ++d.hopsNorthSouth;
      e.time = start + hopNorthSouthPs_;
    }
    std::push_heap(heap_.begin(), heap_.end(), later);
  }
  for (uint32_t link : usedLinks_)
    linkFree_[link] = 0;
  usedLinks_.clear();
  messages_.clear();
  return d;
}

std::vector<LinkTraffic> Network::linkTraffic() const {
  std::vector<LinkTraffic> out;
  for (uint32_t link = 0; link < linkMessages_.size(); ++link) {
    if (!linkMessages_[link])
      continue;
    const uint32_t node = link / 4;
    const uint32_t x = origin_.x + node % boxWidth_;
    const uint32_t y = origin_.y + node / boxWidth_;
    LinkTraffic t{x, y, x, y, linkMessages_[link]};
    switch (Direction(link % 4)) {
    case East:
      ++t.toX;
      break;
    case West:
      --t.toX;
      break;
    case North:
      ++t.toY;
      break;
    case South:
      --t.toY;
      break;
    }
    out.push_back(t);
  }
  std::sort(out.begin(), out.end(),
            [](const LinkTraffic &a, const LinkTraffic &b) {
              return std::tie(a.fromY, a.fromX, a.toY, a.toX) <
                     std::tie(b.fromY, b.fromX, b.toY, b.toX);
            });
  return out;
}
