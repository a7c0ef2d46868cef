//===- Network.h - mesh network timing of one step --------------*- C++ -*-===//
//
// The spike messages of one timestep, routed over the tile mesh:
//  - every message is injected at the start of the step's network phase, in
//    send() order, and routed dimension-order (X first, then Y) across the
//    global tile grid (chips tile the grid, see image::Mesh);
//  - each directed link (east, west, north = +y, south = -y) starts at most
//    one message per cycle: a message arriving at time t starts at
//    max(t, link free time), and the link is free again one cycle later;
//  - a hop takes hopEastWestPs or hopNorthSouthPs from its start;
//  - messages are served in order of arrival at the link, ties broken by
//    send order (a discrete-event simulation, so this is exact FIFO);
//  - messages between cores of the same tile use no link and arrive at 0.
// The drain time is the last arrival. Link buffers are unbounded: the
// queue statistic shows how deep they would need to be.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_SIM_NETWORK_H
#define SNNC_SIM_NETWORK_H

#include "snnc/Image/Image.h"
#include "snnc/Sim/Simulator.h"

#include <cstdint>
#include <vector>

namespace snnc::sim {

class Network {
public:
  /// Global tile coordinate.
  struct Tile {
    uint32_t x = 0;
    uint32_t y = 0;
  };

  /// Timing and traffic of one drained step.
  struct Drain {
    uint64_t timePs = 0; ///< last arrival, 0 without inter-tile messages
    uint64_t messages = 0;
    uint64_t hopsEastWest = 0;
    uint64_t hopsNorthSouth = 0;
    /// Most messages waiting (not yet started) for one link at once,
    /// counting the arriving one; 0 when no message ever waited.
    uint64_t maxQueue = 0;
  };

  /// `used` lists the tiles messages can start or end at; routes stay in
  /// their bounding box, so only its links are allocated.
  Network(const image::CostModel &cost, const std::vector<Tile> &used);

  static Tile tileOf(const image::Mesh &mesh, const image::CoreCoord &c) {
    return {(c.chip % mesh.chipColumns) * (mesh.width / mesh.tileWidth) +
                c.x / mesh.tileWidth,
            (c.chip / mesh.chipColumns) * (mesh.height / mesh.tileHeight) +
                c.y / mesh.tileHeight};
  }

  /// Queues a message for this step. Both tiles must be in the bounding box.
  void send(Tile from, Tile to) { messages_.push_back({from, to}); }

  /// Routes every queued message, clears the queue and the link state.
  Drain drain();

  /// Counts the messages of every later drain per directed link, from zero
  /// (off until called, so plain runs skip it).
  void countLinks() { linkMessages_.assign(linkFree_.size(), 0); }
  /// The counted links that carried messages, sorted as Recording::links.
  std::vector<LinkTraffic> linkTraffic() const;

private:
  struct Message {
    Tile at;
    Tile to;
  };
  struct Event {
    uint64_t time;
    uint32_t message;
  };

  uint64_t cyclePs_;
  uint64_t hopEastWestPs_;
  uint64_t hopNorthSouthPs_;
  Tile origin_;
  uint32_t boxWidth_ = 0;
  /// Per directed link, the time it can start its next message; 0 = unused
  /// this step (real free times are >= one cycle).
  std::vector<uint64_t> linkFree_;
  std::vector<uint32_t> usedLinks_;
  std::vector<uint64_t> linkMessages_; ///< per directed link, when counting
  std::vector<Message> messages_;
  std::vector<Event> heap_;
};

} // namespace snnc::sim

#endif // SNNC_SIM_NETWORK_H
